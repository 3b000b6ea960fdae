"""The processing jobs: the drain a submission asks for, and the per-report job the outbox
sweep enqueues for a report left behind.

A submission does not enqueue a job of its own; it asks for a drain (debounced, so a burst of
submissions asks once per tenth of a second). The drain claims the oldest waiting reports in
batches and, while one batch is being decided and written in PostgreSQL, computes the
features of the next one in a thread: the two halves of the work overlap.

One drain runs at a time across all worker processes: a lease in Redis of `LEASE_MS`, renewed
by a heartbeat every `HEARTBEAT_SECONDS` while the drain runs, so the lease of a worker that
died expires within seconds. A drain that finds the lock taken asks again a second later, so a report
committed just as the running drain finishes is never left waiting. A drain stops after
`TIME_SLICE` seconds and asks for its successor, so other jobs get their turn.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from typing import Any

from redis.exceptions import RedisError
from tortoise import connections

from messaging.jobs import Job, job_key
from messaging.outbox import complete
from workers.context import WorkerContext, context_of
from workers.processing import statements
from workers.processing.batch import process_batch
from workers.processing.claims import (
    ClaimedBatch,
    claim_waiting,
    claim_with,
    prepare_batch,
    release,
)

log = logging.getLogger(__name__)

TIME_SLICE = 10.0
LEASE_MS = 10_000
HEARTBEAT_SECONDS = 3.0

# Delete or extend the lease only if it is still ours (it may have expired and been taken).
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""
_RENEW = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
return 0
"""


async def process_report(ctx: dict[str, Any], report_id: str) -> str:
    app = context_of(ctx)
    conn = connections.get("default")
    # A report taken along by a batch still running in this process: wait for that batch
    # instead of computing the same features twice.
    if report_id in app.claimed:
        await asyncio.shield(app.claimed[report_id])
    state = await conn.execute_query_dict(statements.STATE, [report_id])
    if not state:
        await complete(job_key(Job.PROCESS_REPORT, report_id))
        return "missing"
    if state[0]["done"]:
        return "already processed"  # its outbox row was completed in the same transaction
    rows = await claim_with(report_id, app.claimed)
    if not rows:
        return "already processed"
    batch = await prepare_batch(rows, app.claimed, app.deidentifier, app.identifier_key)
    try:
        processed = await process_batch(app, batch.evidence, batch.deidentified)
    finally:
        release(app.claimed, batch)
    return "processed" if report_id in processed else "already processed"


async def _prepare(app: WorkerContext) -> ClaimedBatch | None:
    """Claim the next batch for this process and compute its features in a thread."""
    rows = await claim_waiting(app.claimed)
    if not rows:
        return None
    return await prepare_batch(rows, app.claimed, app.deidentifier, app.identifier_key)


async def drain(app: WorkerContext, time_slice: float = TIME_SLICE) -> tuple[int, bool]:
    """Process waiting reports until none are left or the slice is used; (count, more left)."""
    deadline = time.monotonic() + time_slice
    processed = 0
    upcoming: asyncio.Task[ClaimedBatch | None] | None = asyncio.create_task(_prepare(app))
    try:
        while upcoming is not None:
            batch = await upcoming
            upcoming = None
            if batch is None:
                return processed, False
            if time.monotonic() < deadline:
                upcoming = asyncio.create_task(_prepare(app))
            try:
                processed += len(await process_batch(app, batch.evidence, batch.deidentified))
            finally:
                release(app.claimed, batch)
        return processed, True
    finally:
        if upcoming is not None:  # an error ended the loop: give back what the next batch took
            upcoming.cancel()
            try:
                batch = await upcoming
            except BaseException:  # cancelled or failed: nothing to give back
                batch = None
            if batch is not None:
                release(app.claimed, batch)


async def _heartbeat(app: WorkerContext, key: str, token: str) -> None:
    while True:
        await asyncio.sleep(HEARTBEAT_SECONDS)
        try:
            await app.queue.redis.eval(_RENEW, 1, key, token, LEASE_MS)  # type: ignore[misc]
        except (RedisError, OSError) as error:  # the next beat tries again
            log.warning("drain lease not renewed: %s", error)


async def process_waiting(ctx: dict[str, Any]) -> str:
    app = context_of(ctx)
    redis = app.queue.redis
    lease = f"{app.queue.name}:processing-drain"
    token = uuid.uuid4().hex
    if not await redis.set(lease, token, nx=True, px=LEASE_MS):
        await app.queue.request_processing(seconds=1.0)
        return "another drain is running"
    heartbeat = asyncio.create_task(_heartbeat(app, lease, token))
    try:
        processed, more = await drain(app)
    finally:
        heartbeat.cancel()
        await redis.eval(_RELEASE, 1, lease, token)  # type: ignore[misc]
    if more:
        await app.queue.request_processing()
    return f"processed {processed} report(s)" + (", more waiting" if more else "")
