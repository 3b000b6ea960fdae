"""Write jobs to the outbox inside the caller's transaction; enqueue them after commit.

`sweep` (through `enqueue_pending`) puts every unfinished job on the queue again. Together
with idempotent jobs this gives at-least-once delivery with exactly-once effect.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from arq.connections import ArqRedis
from redis.exceptions import RedisError
from tortoise.backends.base.client import BaseDBAsyncClient

from models import OutboxJob
from settings import Settings

log = logging.getLogger(__name__)

RE_ENQUEUE_AFTER = timedelta(minutes=2)


async def add_job(
    job_name: str, job_key: str, args: list[str], *, using_db: BaseDBAsyncClient | None = None
) -> OutboxJob:
    return await OutboxJob.create(job_key=job_key, job_name=job_name, args=args, using_db=using_db)


async def try_enqueue(
    redis: ArqRedis, queue_name: str, job: OutboxJob, *, mark: bool = False
) -> bool:
    """Put the job on the queue now; on a Redis failure leave it for the sweep.

    The hot path (a submit) does not mark the row: arq refuses a second job with the same id
    while the first is queued or its result is kept, so a sweep that re-enqueues an unmarked
    row costs one Redis round trip and changes nothing.
    """
    try:
        await redis.enqueue_job(
            job.job_name, *job.args, _job_id=job.job_key, _queue_name=queue_name
        )
    except (RedisError, OSError) as error:
        log.warning("queue unavailable, job %s stays in the outbox: %s", job.job_key, error)
        return False
    if mark:
        await OutboxJob.filter(id=job.id).update(enqueued_at=datetime.now(UTC))
    return True


async def complete(job_key: str, using_db: BaseDBAsyncClient | None = None) -> None:
    query = OutboxJob.filter(job_key=job_key, completed_at=None)
    if using_db is not None:
        query = query.using_db(using_db)
    await query.update(completed_at=datetime.now(UTC))


async def sweep(redis: ArqRedis, settings: Settings) -> int:
    """The sweep as the API and the worker run it: rows younger than one sweep interval are
    left to the drain their submit asked for."""
    grace = timedelta(seconds=settings.outbox_sweep_seconds)
    return await enqueue_pending(redis, settings.queue_name, grace=grace)


async def enqueue_pending(
    redis: ArqRedis, queue_name: str, limit: int = 500, grace: timedelta = timedelta(0)
) -> int:
    """Enqueue unfinished jobs never enqueued, or enqueued long ago without completing.

    Rows younger than `grace` are left alone: their own hot path (a drain requested by the
    submit) is still busy with them, and a per-report job for each would only repeat it.
    """
    now = datetime.now(UTC)
    cutoff = now - RE_ENQUEUE_AFTER
    pending = await (
        OutboxJob.filter(completed_at=None, created_at__lt=now - grace).order_by("id").limit(limit)
    )
    count = 0
    for job in pending:
        if job.enqueued_at is not None and job.enqueued_at > cutoff:
            continue
        if not await try_enqueue(redis, queue_name, job, mark=True):
            break
        count += 1
    if count:
        log.info("outbox sweep enqueued %d job(s)", count)
    return count
