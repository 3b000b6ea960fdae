"""Debounced jobs: many triggers within one time bucket become one job run after it.

arq refuses a job whose id is queued, running or has a kept result; a bucketed id lets the
next bucket's trigger through while coalescing everything inside one bucket. The job runs
after its bucket ends, so it sees every change committed before the trigger.
"""

from __future__ import annotations

import math
import time
from datetime import UTC, datetime

from arq.connections import ArqRedis


async def enqueue_debounced(
    redis: ArqRedis, queue_name: str, function: str, key: str, *args: str, seconds: float = 0.5
) -> None:
    now = time.time()
    bucket = math.floor(now / seconds)
    run_at = datetime.fromtimestamp((bucket + 1) * seconds + 0.05, UTC)
    await redis.enqueue_job(
        function,
        *args,
        _job_id=f"{function}:{key}:{bucket}",
        _defer_until=run_at,
        _queue_name=queue_name,
    )
