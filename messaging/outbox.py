"""Write jobs to the outbox inside the caller's transaction; enqueue them after commit.

`sweep` puts every unfinished job on the queue again. Together with idempotent jobs this gives
at-least-once delivery with exactly-once effect.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from redis.exceptions import RedisError
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

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


async def create_with_job(row: Model, job: Job, subject: str, args: list[str]) -> None:
    """Insert a new `row` and its outbox job in one statement: one round trip, no transaction.

    A data-modifying WITH runs to completion as part of its statement, so the two rows are
    written together or not at all, as two INSERTs inside BEGIN … COMMIT would be, at a quarter
    of the round trips (the submit's hot path). Each INSERT is the one tortoise itself would
    send for that model, so a column added to either model is written here too.
    """
    db = row._choose_db(True)
    outbox_row = OutboxJob(job_key=job_key(job, subject), job_name=job.value, args=args)
    row_sql, row_values = _insert_of(row, db)
    job_sql, job_values = _insert_of(outbox_row, db)
    offset = len(row_values)
    job_sql = _PLACEHOLDER.sub(lambda m: f"${int(m.group(1)) + offset}", job_sql)
    await db.execute_query(f"WITH new_row AS ({row_sql}) {job_sql}", row_values + job_values)
    row._saved_in_db = True


_PLACEHOLDER = re.compile(r"\$(\d+)")


def _insert_of(row: Model, db: BaseDBAsyncClient) -> tuple[str, list[Any]]:
    """The INSERT statement and values tortoise's executor would use for this new row."""
    executor = db.executor_class(model=type(row), db=db)
    if row._custom_generated_pk or executor._has_db_default_values(row, executor.regular_columns):
        raise TypeError(
            f"{type(row).__name__}: only rows without a set generated key or database defaults"
        )
    fields_map = row._meta.fields_map
    values = [
        fields_map[name].to_db_value(getattr(row, name), row) for name in executor.regular_columns
    ]
    return executor.insert_query, values


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
