"""Cron job: put outbox jobs that never reached the queue (Redis was down) on it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from messaging.outbox import enqueue_pending
from settings import get_settings


async def sweep_outbox(ctx: dict[str, Any]) -> int:
    settings = get_settings()
    grace = timedelta(seconds=settings.outbox_sweep_seconds)
    return await enqueue_pending(ctx["redis"], settings.queue_name, grace=grace)
