"""Cron job: put work that never reached the queue (Redis was down, a job failed for good)
on it again: outbox rows, and themes whose refresh is still asked for."""

from __future__ import annotations

from typing import Any

from messaging.outbox import sweep
from workers.context import context_of
from workers.refresh_theme import refresh_waiting_themes


async def sweep_outbox(ctx: dict[str, Any]) -> int:
    """Jobs in the outbox that never reached the queue, and theme refreshes that were lost."""
    app = context_of(ctx)
    enqueued = await sweep(app.queue, grace_seconds=app.outbox_sweep_seconds)
    return enqueued + await refresh_waiting_themes(app)
