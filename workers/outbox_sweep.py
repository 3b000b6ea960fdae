"""Cron job: put outbox jobs that never reached the queue (Redis was down) on it."""

from __future__ import annotations

from typing import Any

from messaging.outbox import enqueue_pending
from settings import get_settings


async def sweep_outbox(ctx: dict[str, Any]) -> int:
    return await enqueue_pending(ctx["redis"], get_settings().queue_name)
