"""The jobs the workers run: their names, their keys, and how the API and jobs ask for them.

Every caller asks for work through a `JobQueue` (one Redis client and the queue's name), so
job names and keys are written in one place. Jobs that change derived state are also
written to the outbox (`messaging.outbox`) in the caller's transaction; the queue only makes
them run sooner.

Debounced jobs: many triggers within one time bucket become one job run after it. arq
refuses a job whose id is queued, running or has a kept result; a bucketed id lets the next
bucket's trigger through while coalescing everything inside one bucket. The job runs after
its bucket ends, so it sees every change committed before the trigger. A process that
already asked for a bucket's job does not ask again (the queue would refuse it).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import math
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from arq.connections import ArqRedis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

# A burst of submissions asks for one drain per this many seconds.
PROCESSING_BUCKET_SECONDS = 0.1
REFRESH_BUCKET_SECONDS = 0.5
DISCOVERY_BUCKET_SECONDS = 2.0
NOTIFICATION_BUCKET_SECONDS = 0.05


class Job(StrEnum):
    """The worker's functions, by the name arq knows them by."""

    PROCESS_REPORT = "process_report"
    PROCESS_WAITING = "process_waiting"
    REFRESH_THEME = "refresh_theme"
    DISCOVER_THEMES = "discover_themes"
    RECLUSTER_THEMES = "recluster_themes"
    DELIVER_REFERRAL = "deliver_referral"
    DELIVER_NOTIFICATIONS = "deliver_notifications"
    SWEEP_OUTBOX = "sweep_outbox"


def job_key(job: Job, subject: str) -> str:
    """The outbox key (and arq job id) of a job about one subject, e.g. a report id."""
    return f"{job.value}:{subject}"


@dataclass(frozen=True)
class JobQueue:
    redis: ArqRedis
    name: str
    # The bucket each debounced job id was last put on the queue for by this process, and
    # that request: a second trigger in the same bucket would be refused by arq anyway, so
    # it is not sent.
    _asked: dict[str, tuple[int, asyncio.Future[Any]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    async def enqueue(self, job: Job | str, job_id: str, *args: str) -> None:
        """Put a job on the queue; arq ignores it while a job with this id is known."""
        await self.redis.enqueue_job(str(job), *args, _job_id=job_id, _queue_name=self.name)

    async def enqueue_debounced(
        self, job: Job, key: str, *args: str, seconds: float = REFRESH_BUCKET_SECONDS
    ) -> None:
        now = time.time()
        bucket = math.floor(now / seconds)
        asked = f"{job.value}:{key}"
        known = self._asked.get(asked)
        if known is None or known[0] != bucket:
            if len(self._asked) > 4096:  # one entry per key (theme ids): keep it small
                self._asked.clear()
            run_at = datetime.fromtimestamp((bucket + 1) * seconds + 0.05, UTC)
            sent = asyncio.ensure_future(
                self.redis.enqueue_job(
                    job.value,
                    *args,
                    _job_id=f"{job.value}:{key}:{bucket}",
                    _defer_until=run_at,
                    _queue_name=self.name,
                )
            )
            known = self._asked[asked] = (bucket, sent)
            sent.add_done_callback(functools.partial(self._forget_if_failed, asked, known))
        # Triggers arriving while the bucket's request is under way (a burst of submissions)
        # wait for that one instead of sending their own; a caller cancelled meanwhile
        # leaves it running for the others.
        await asyncio.shield(known[1])

    def _forget_if_failed(
        self, asked: str, known: tuple[int, asyncio.Future[Any]], done: asyncio.Future[Any]
    ) -> None:
        """A request that failed (or was cancelled) was not asked: the next trigger asks
        again, whether or not a caller was still waiting for this one. Reading the exception
        here also marks it retrieved."""
        failed = done.cancelled() or done.exception() is not None
        if failed and self._asked.get(asked) is known:
            del self._asked[asked]

    async def enqueue_once_at(self, job: Job, at: float, *, key: str) -> None:
        """One run of `job` at the moment `at` (unix time), however often asked with `key`."""
        await self.redis.enqueue_job(
            job.value,
            _job_id=f"{job.value}:at:{key}",
            _defer_until=datetime.fromtimestamp(at, UTC),
            _queue_name=self.name,
        )

    async def request_processing(self, seconds: float = PROCESSING_BUCKET_SECONDS) -> bool:
        """Ask for a drain soon; False when Redis is unavailable (the outbox sweep covers it)."""
        try:
            await self.enqueue_debounced(Job.PROCESS_WAITING, "all", seconds=seconds)
        except (RedisError, OSError) as error:
            log.warning("queue unavailable, waiting reports stay for the sweep: %s", error)
            return False
        return True

    async def request_refresh(self, theme_id: str) -> None:
        await self.enqueue_debounced(Job.REFRESH_THEME, theme_id, theme_id)

    async def request_discovery(self, at: float | None = None) -> None:
        """Discovery soon, or at the moment `at` (unix time) once, however often asked."""
        if at is None:
            await self.enqueue_debounced(
                Job.DISCOVER_THEMES, "all", seconds=DISCOVERY_BUCKET_SECONDS
            )
            return
        await self.enqueue_once_at(Job.DISCOVER_THEMES, at, key=str(int(at)))

    async def request_notification_delivery(self, at: float | None = None) -> None:
        """Deliver due notifications soon, or once at the moment `at` (the next retry)."""
        if at is None:
            await self.enqueue_debounced(
                Job.DELIVER_NOTIFICATIONS, "all", seconds=NOTIFICATION_BUCKET_SECONDS
            )
            return
        await self.enqueue_once_at(Job.DELIVER_NOTIFICATIONS, at, key=f"{at:.1f}")
