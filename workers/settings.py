"""The arq worker: its functions, cron jobs and start-up (database, theme index)."""

from __future__ import annotations

import gc
from typing import Any

from arq import cron, func
from arq.worker import Worker

from database import close_database, init_database
from messaging.redis_client import arq_settings
from settings import Settings
from workers.deliver_referral import deliver_referral
from workers.discover_themes import discover_themes
from workers.outbox_sweep import sweep_outbox
from workers.process_report import process_report
from workers.process_waiting import process_waiting
from workers.refresh_theme import refresh_theme
from workers.theme_index import CachedThemeIndex


def build_worker(settings: Settings, database_url: str, redis_url: str, **overrides: Any) -> Worker:
    async def on_startup(ctx: dict[str, Any]) -> None:
        await init_database(database_url, pool_max=10)
        ctx["theme_index"] = CachedThemeIndex()
        await sweep_outbox(ctx)
        # The libraries loaded by now (scipy, sklearn, tortoise) are hundreds of thousands of
        # objects that live as long as the process: keep them out of every garbage collection.
        gc.freeze()

    async def on_shutdown(ctx: dict[str, Any]) -> None:
        await close_database()

    every_10s = set(range(0, 60, 10))
    options: dict[str, Any] = {
        "functions": [
            func(process_report, max_tries=10),
            func(process_waiting, max_tries=5, keep_result=10),
            func(refresh_theme, max_tries=5, keep_result=10),
            func(discover_themes, max_tries=3, keep_result=10),
            func(deliver_referral, max_tries=settings.delivery_max_tries),
        ],
        "cron_jobs": [
            cron(sweep_outbox, second=every_10s, run_at_startup=False, unique=True),
            cron(discover_themes, minute={0, 15, 30, 45}, second={5}, unique=True),
        ],
        "redis_settings": arq_settings(redis_url),
        "queue_name": settings.queue_name,
        "on_startup": on_startup,
        "on_shutdown": on_shutdown,
        "keep_result": 300,
        "max_jobs": 10,
        "poll_delay": 0.2,
        "handle_signals": True,
    }
    options.update(overrides)
    return Worker(**options)
