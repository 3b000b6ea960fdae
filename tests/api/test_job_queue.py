"""The queue the API tells after commit: a burst of triggers asks Redis once per bucket, and
a request that failed is asked again.

Against the real Redis of the session (a key of each test's own: arq's job ids are shared by
every queue on a Redis), or against a server that never answers; the client is wrapped to
count what reaches it.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from typing import Any

from arq.connections import ArqRedis
from redis.asyncio import ConnectionPool

from messaging.jobs import Job, JobQueue
from signaalpunt.harness import Servers
from tests.support import free_port

HOUR = 3600.0  # a bucket that a burst of milliseconds does not cross


class CountingRedis(ArqRedis):
    sent = 0

    async def enqueue_job(self, *args: Any, **kwargs: Any) -> Any:
        self.sent += 1
        return await super().enqueue_job(*args, **kwargs)


def _client(redis_url: str, timeout: float = 3.0) -> CountingRedis:
    pool = ConnectionPool.from_url(redis_url, socket_connect_timeout=1.0, socket_timeout=timeout)
    return CountingRedis(connection_pool=pool)


def test_a_burst_of_triggers_asks_for_one_job(real_servers: Servers) -> None:
    async def run() -> tuple[int, int]:
        redis = _client(real_servers.redis_url)
        name, key = f"sp-test-queue-{uuid.uuid4().hex[:8]}", f"test-{uuid.uuid4().hex[:8]}"
        queue = JobQueue(redis, name)
        try:
            await asyncio.gather(
                *(
                    queue.enqueue_debounced(Job.PROCESS_WAITING, key, seconds=HOUR)
                    for _ in range(40)
                )
            )
            return redis.sent, await redis.zcard(name)
        finally:
            await redis.delete(name, *await redis.keys(f"arq:job:process_waiting:{key}:*"))
            await redis.aclose()

    sent, queued = asyncio.run(run())
    assert queued == 1
    # Before, each trigger that came in while the first was on its way sent its own request.
    assert sent == 1


def test_when_redis_is_down_every_caller_hears_it_and_the_next_one_asks_again() -> None:
    async def run() -> tuple[list[bool], bool, int]:
        redis = _client(f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
        queue = JobQueue(redis, "sp-test-queue-down")
        try:
            answers = await asyncio.gather(
                *(queue.request_processing(seconds=HOUR) for _ in range(5))
            )
            again = await queue.request_processing(seconds=HOUR)
            return answers, again, redis.sent
        finally:
            await redis.aclose()

    answers, again, sent = asyncio.run(run())
    assert answers == [False] * 5  # each report stays for the sweep, and each caller knows
    assert again is False
    assert sent == 2  # the failed request was not remembered as asked


def test_a_request_that_fails_after_its_caller_gave_up_is_asked_again() -> None:
    """The caller (a submit whose client went away) is cancelled while Redis does not answer;
    the request then times out. The next trigger in the bucket must ask again, not be handed
    the old failure."""

    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(Exception):
            await reader.read()  # never answers, until the client hangs up
        writer.close()

    async def run() -> tuple[int, BaseException | None]:
        server = await asyncio.start_server(silent, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        redis = _client(f"redis://127.0.0.1:{port}/0", timeout=0.3)
        queue = JobQueue(redis, "sp-test-queue-silent")
        try:
            caller = asyncio.create_task(
                queue.enqueue_debounced(Job.PROCESS_WAITING, "x", seconds=HOUR)
            )
            await asyncio.sleep(0.05)
            caller.cancel()
            await asyncio.sleep(0.6)  # the request times out meanwhile, with nobody waiting
            failure = None
            try:
                await queue.enqueue_debounced(Job.PROCESS_WAITING, "x", seconds=HOUR)
            except Exception as error:  # this one times out too
                failure = error
            return redis.sent, failure
        finally:
            await redis.aclose()
            server.close()

    sent, failure = asyncio.run(run())
    assert failure is not None
    assert sent == 2  # asked again: the first failure was forgotten though nobody awaited it
