"""Job: deliver the webhook notifications that are due (`workers.webhook_dispatcher`)."""

from __future__ import annotations

import time
from typing import Any

from workers.context import context_of


async def deliver_notifications(ctx: dict[str, Any]) -> int:
    """Deliver what is due now, then ask for a run at the next retry."""
    app = context_of(ctx)
    if app.webhooks is None:
        return 0
    delivered = await app.webhooks.drain()
    at = await app.webhooks.next_due()
    if at is not None:
        # Not sooner than a moment from now: a claimed delivery's lease is in the future.
        await app.queue.request_notification_delivery(max(at, time.time() + 0.2))
    return delivered
