"""Write jobs to the outbox inside the caller's transaction; enqueue them after commit.

`sweep` puts every unfinished job on the queue again. Together with idempotent jobs this gives
at-least-once delivery with exactly-once effect.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from redis.exceptions import RedisError
from tortoise.backends.base.client import BaseDBAsyncClient

from messaging.jobs import Job, JobQueue, job_key
from models import OutboxJob

log = logging.getLogger(__name__)

RE_ENQUEUE_AFTER = timedelta(minutes=2)


async def add_job(
    job: Job, subject: str, args: list[str], *, using_db: BaseDBAsyncClient | None = None
) -> OutboxJob:
    """Record a job about `subject` in the caller's transaction (one row per job key)."""
    return await OutboxJob.create(
        job_key=job_key(job, subject), job_name=job.value, args=args, using_db=using_db
    )


async def try_enqueue(queue: JobQueue, job: OutboxJob, *, mark: bool = False) -> bool:
    """Put the job on the queue now; on a Redis failure leave it for the sweep.

    The hot path (a submit) does not mark the row: arq refuses a second job with the same id
    while the first is queued or its result is kept, so a sweep that re-enqueues an unmarked
    row costs one Redis round trip and changes nothing.
    """
    try:
        await queue.enqueue(job.job_name, job.job_key, *job.args)
    except (RedisError, OSError) as error:
        log.warning("queue unavailable, job %s stays in the outbox: %s", job.job_key, error)
        return False
    if mark:
        await OutboxJob.filter(id=job.id).update(enqueued_at=datetime.now(UTC))
    return True


async def complete(key: str, using_db: BaseDBAsyncClient | None = None) -> None:
    query = OutboxJob.filter(job_key=key, completed_at=None)
    if using_db is not None:
        query = query.using_db(using_db)
    await query.update(completed_at=datetime.now(UTC))


async def sweep(queue: JobQueue, grace_seconds: float, limit: int = 500) -> int:
    """Enqueue unfinished jobs never enqueued, or enqueued long ago without completing.

    Rows younger than `grace_seconds` (one sweep interval) are left alone: their own hot path
    (a drain requested by the submit) is still busy with them, and a per-report job for each
    would only repeat it.
    """
    now = datetime.now(UTC)
    cutoff = now - RE_ENQUEUE_AFTER
    pending = await (
        OutboxJob.filter(completed_at=None, created_at__lt=now - timedelta(seconds=grace_seconds))
        .order_by("id")
        .limit(limit)
    )
    count = 0
    for job in pending:
        if job.enqueued_at is not None and job.enqueued_at > cutoff:
            continue
        if not await try_enqueue(queue, job, mark=True):
            break
        count += 1
    if count:
        log.info("outbox sweep enqueued %d job(s)", count)
    return count
