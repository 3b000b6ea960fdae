"""The arq worker: its functions, cron jobs and start-up (database, shared job context)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any

from arq import cron, func
from arq.worker import Worker

from messaging.jobs import Job, JobQueue
from messaging.notificaties.fan_out import Notifier
from messaging.outages import OUTAGES
from messaging.redis_client import arq_settings, connect
from messaging.theme_updates import ThemePublisher
from signaalpunt.database import close_database, init_database
from signaalpunt.heap import WORKER_YOUNG_THRESHOLD, settle
from signaalpunt.settings import Settings
from workers.context import WorkerContext
from workers.deliver_notifications import deliver_notifications
from workers.deliver_referral import deliver_referral
from workers.discovery import discover_themes
from workers.outbox_sweep import sweep_outbox
from workers.processing import deidentification
from workers.processing.jobs import process_report, process_waiting
from workers.reclustering import recluster_themes
from workers.refresh_theme import refresh_theme
from workers.retention import apply_retention
from workers.service_level_breaches import mark_service_level_breaches
from workers.webhook_dispatcher import WebhookDispatcher

log = logging.getLogger(__name__)


def worker_context(settings: Settings, redis_url: str) -> WorkerContext:
    """The context every job of one worker process shares."""
    redis = connect(redis_url)
    queue = JobQueue(redis, settings.queue_name)
    return WorkerContext(
        queue=queue,
        publisher=ThemePublisher(
            redis,
            settings.theme_channel,
            settings.small_count_threshold,
            Notifier(queue, settings.public_url),
        ),
        duplicate_window_days=settings.duplicate_window_days,
        discovery_max_wait_seconds=settings.discovery_max_wait_seconds,
        outbox_sweep_seconds=settings.outbox_sweep_seconds,
        partners=settings.partners,
        delivery_max_tries=settings.delivery_max_tries,
        delivery_backoff_seconds=settings.delivery_backoff_seconds,
        small_count_threshold=settings.small_count_threshold,
        identifier_key=settings.identifier_key,
        deidentifier=settings.deidentifier,
        retention=settings.retention,
        webhooks=WebhookDispatcher(settings.webhooks),
    )


def build_worker(settings: Settings, database_url: str, redis_url: str, **overrides: Any) -> Worker:
    async def on_startup(ctx: dict[str, Any]) -> None:
        await init_database(database_url, pool_max=10)
        ctx["app"] = worker_context(settings, redis_url)
        await asyncio.to_thread(deidentification.load, settings.deidentifier)
        await sweep_outbox(ctx)
        # The libraries loaded by now (scipy, sklearn, tortoise, deduce) are hundreds of thousands of
        # objects that live as long as the process: keep them out of every garbage collection.
        settle(WORKER_YOUNG_THRESHOLD)

    async def on_shutdown(ctx: dict[str, Any]) -> None:
        app = ctx.get("app")
        if isinstance(app, WorkerContext):
            await app.queue.redis.aclose()
            if app.webhooks is not None:
                await app.webhooks.aclose()
        await close_database()

    every_10s = set(range(0, 60, 10))
    options: dict[str, Any] = {
        "functions": [
            func(process_report, name=Job.PROCESS_REPORT.value, max_tries=10),
            func(process_waiting, name=Job.PROCESS_WAITING.value, max_tries=5, keep_result=10),
            func(refresh_theme, name=Job.REFRESH_THEME.value, max_tries=5, keep_result=10),
            func(discover_themes, name=Job.DISCOVER_THEMES.value, max_tries=3, keep_result=10),
            func(recluster_themes, name=Job.RECLUSTER_THEMES.value, max_tries=3, keep_result=10),
            func(
                deliver_referral,
                name=Job.DELIVER_REFERRAL.value,
                max_tries=settings.delivery_max_tries,
            ),
            func(
                deliver_notifications,
                name=Job.DELIVER_NOTIFICATIONS.value,
                max_tries=3,
                keep_result=5,
                timeout=3600,
            ),
        ],
        "cron_jobs": [
            cron(sweep_outbox, second=every_10s, run_at_startup=False, unique=True),
            # Webhook retries that came due while no run was asked for (Redis was away).
            cron(deliver_notifications, second=every_10s, unique=True, timeout=3600),
            cron(discover_themes, minute={0, 15, 30, 45}, second={5}, unique=True),
            # The whole re-clustering: hourly, between discovery runs.
            cron(recluster_themes, minute={38}, second={0}, unique=True, timeout=1800),
            cron(apply_retention, hour={3}, minute={17}, second={0}, unique=True, timeout=3600),
            # Daily, early (UTC), and at start: the marks are idempotent.
            cron(
                mark_service_level_breaches,
                hour={4},
                minute={7},
                second={0},
                unique=True,
                run_at_startup=True,
            ),
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


def run_worker(settings: Settings, database_url: str, redis_url: str) -> None:
    """Run the worker until it is told to stop, riding out outages of Redis or PostgreSQL.

    arq's worker ends when Redis goes away mid-poll, and cannot start while PostgreSQL is
    down. Both are waited out here, with growing pauses, without a person restarting it: the
    work itself is safe to resume, since jobs are idempotent and the outbox holds what waits.
    """
    backoff = 1.0
    while True:
        asyncio.set_event_loop(asyncio.new_event_loop())
        worker = build_worker(settings, database_url, redis_url)
        started = time.monotonic()
        try:
            worker.run()
            return  # stopped by a signal
        except OUTAGES as error:
            log.warning("worker lost its services (%s); starting again in %.0fs",
                        type(error).__name__, backoff)  # fmt: skip
        finally:
            with contextlib.suppress(Exception):
                asyncio.get_event_loop().run_until_complete(close_database())
        if time.monotonic() - started > 60:
            backoff = 1.0
        time.sleep(backoff)
        backoff = min(backoff * 2, 30.0)
