"""Municipal webhooks in the Open Notificaties style: message format, filters, signatures,
the callback check, recording notifications for every matching abonnement, and sending.

The change event is the one `messaging.theme_updates.ThemePublisher` announces: the same
event feeds the WebSocket subscription and these notifications.
"""
