"""The queue the API tells after commit: a burst of submissions asks Redis once per bucket.

Against the real Redis of the session; the client is wrapped to count what reaches it.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

from arq.connections import ArqRedis

from messaging.jobs import PROCESSING_BUCKET_SECONDS, JobQueue
from messaging.redis_client import connect
from signaalpunt.harness import Servers
from tests.support import free_port


class CountingRedis(ArqRedis):
    sent = 0

    async def enqueue_job(self, *args: Any, **kwargs: Any) -> Any:
        self.sent += 1
        return await super().enqueue_job(*args, **kwargs)


def _client(redis_url: str) -> CountingRedis:
    return CountingRedis(connection_pool=connect(redis_url).connection_pool)


async def _burst(queue: JobQueue, size: int) -> list[bool]:
    # Start inside a bucket, not at its edge, so the whole burst shares it.
    while (time.time() % PROCESSING_BUCKET_SECONDS) > PROCESSING_BUCKET_SECONDS / 2:
        await asyncio.sleep(0.005)
    return await asyncio.gather(*(queue.request_processing() for _ in range(size)))


def test_a_burst_of_submissions_asks_for_one_drain(real_servers: Servers) -> None:
    async def run() -> tuple[int, list[bool], int]:
        redis = _client(real_servers.redis_url)
        name = f"sp-test-queue-{uuid.uuid4().hex[:8]}"
        queue = JobQueue(redis, name)
        try:
            answers = await _burst(queue, 40)
            queued = await redis.zcard(name)
            return redis.sent, answers, queued
        finally:
            await redis.delete(name)
            await redis.aclose()

    sent, answers, queued = asyncio.run(run())
    assert answers == [True] * 40
    assert queued == 1
    # Before, each caller that came in while the first was on its way sent its own request.
    assert sent == 1


def test_when_redis_is_down_every_caller_hears_it_and_the_next_one_asks_again() -> None:
    async def run() -> tuple[list[bool], bool, int]:
        redis = _client(f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
        queue = JobQueue(redis, "sp-test-queue-down")
        try:
            answers = await _burst(queue, 5)
            again = await queue.request_processing()
            return answers, again, redis.sent
        finally:
            await redis.aclose()

    answers, again, sent = asyncio.run(run())
    assert answers == [False] * 5  # each report stays for the sweep, and each caller knows
    assert again is False
    assert sent == 2  # the failed request was not remembered as asked
