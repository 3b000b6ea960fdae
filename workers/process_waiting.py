"""The drain: one job processes every waiting report, batch after batch.

A submission does not enqueue a job of its own; it asks for a drain (`request_processing`,
debounced, so a burst of submissions asks once per tenth of a second). The drain claims the
oldest waiting reports in batches and, while one batch is being decided and written in
PostgreSQL, computes the features of the next one in a thread: the two halves of the work
overlap instead of taking turns.

One drain runs at a time across all worker processes (a lock in Redis with a time-out, renewed
per batch): deciding is serialised by the advisory lock anyway, and two drains would claim the
same oldest reports. A drain that finds the lock taken asks again a second later, so a report
committed just as the running drain finishes is never left waiting. A drain stops after
`TIME_SLICE` seconds and asks for its successor, so other jobs get their turn.

The outbox stays the durable record: each report's `process_report` row is completed by the
batch that processes it, and the sweep enqueues a per-report job for a row left behind.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from arq.connections import ArqRedis
from redis.exceptions import RedisError

from messaging.debounce import enqueue_debounced
from settings import get_settings
from workers.process_report import (
    ClaimedBatch,
    claim_waiting,
    prepare_batch,
    process_batch,
    release,
)

log = logging.getLogger(__name__)

TIME_SLICE = 10.0
LOCK_TTL_MS = 60_000
REQUEST_BUCKET_SECONDS = 0.1

# Delete the lock only if it is still ours (it may have expired and been taken meanwhile).
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""


async def request_processing(redis: ArqRedis, queue_name: str, seconds: float = 0.0) -> bool:
    """Ask for a drain soon; False when Redis is unavailable (the outbox sweep covers it)."""
    try:
        await enqueue_debounced(
            redis, queue_name, "process_waiting", "all", seconds=seconds or REQUEST_BUCKET_SECONDS
        )
    except (RedisError, OSError) as error:
        log.warning("queue unavailable, waiting reports stay for the sweep: %s", error)
        return False
    return True


async def _prepare(claimed: dict[str, asyncio.Future[None]]) -> ClaimedBatch | None:
    """Claim the next batch for this process and compute its features in a thread."""
    rows = await claim_waiting(claimed)
    return await prepare_batch(rows, claimed) if rows else None


async def drain(
    ctx: dict[str, Any],
    time_slice: float = TIME_SLICE,
    renew: Callable[[], Awaitable[object]] | None = None,
) -> tuple[int, bool]:
    """Process waiting reports until none are left or the slice is used; (count, more left)."""
    claimed: dict[str, asyncio.Future[None]] = ctx.setdefault("claimed_reports", {})
    deadline = time.monotonic() + time_slice
    processed = 0
    upcoming: asyncio.Task[ClaimedBatch | None] | None = asyncio.create_task(_prepare(claimed))
    try:
        while upcoming is not None:
            batch = await upcoming
            upcoming = None
            if batch is None:
                return processed, False
            if time.monotonic() < deadline:
                upcoming = asyncio.create_task(_prepare(claimed))
            try:
                processed += len(await process_batch(ctx, batch.evidence))
            finally:
                release(claimed, batch)
            if renew is not None:
                await renew()
        return processed, True
    finally:
        if upcoming is not None:  # an error ended the loop: give back what the next batch took
            upcoming.cancel()
            try:
                batch = await upcoming
            except BaseException:  # cancelled or failed: nothing to give back
                batch = None
            if batch is not None:
                release(claimed, batch)


async def process_waiting(ctx: dict[str, Any]) -> str:
    settings = get_settings()
    redis: ArqRedis = ctx["redis"]
    lock_key = f"{settings.queue_name}:processing-drain"
    token = uuid.uuid4().hex
    if not await redis.set(lock_key, token, nx=True, px=LOCK_TTL_MS):
        await request_processing(redis, settings.queue_name, seconds=1.0)
        return "another drain is running"

    async def renew() -> None:
        await redis.pexpire(lock_key, LOCK_TTL_MS)

    try:
        processed, more = await drain(ctx, renew=renew)
    finally:
        await redis.eval(_RELEASE, 1, lock_key, token)
    if more:
        await request_processing(redis, settings.queue_name)
    return f"processed {processed} report(s)" + (", more waiting" if more else "")
