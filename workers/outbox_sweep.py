"""Cron job: put outbox jobs that never reached the queue (Redis was down) on it."""

from __future__ import annotations

from typing import Any

from messaging.outbox import sweep
from settings import get_settings


async def sweep_outbox(ctx: dict[str, Any]) -> int:
    return await sweep(ctx["redis"], get_settings())
