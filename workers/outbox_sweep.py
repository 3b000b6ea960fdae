"""Cron job: put outbox jobs that never reached the queue (Redis was down) on it."""

from __future__ import annotations

from typing import Any

from messaging.outbox import sweep
from workers.context import context_of


async def sweep_outbox(ctx: dict[str, Any]) -> int:
    app = context_of(ctx)
    return await sweep(app.queue, grace_seconds=app.outbox_sweep_seconds)
