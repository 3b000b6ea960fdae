"""Municipal webhook abonnementen (Open Notificaties style): make, list, change, remove, resend."""
