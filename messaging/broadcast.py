"""Theme updates fanned out through Redis pub/sub to every API process.

Workers (and staff mutations) publish one JSON message per theme change. Each API process
holds one subscription and hands messages to its local WebSocket subscribers, so any number
of API processes serve subscribers without talking to each other.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from messaging.redis_client import pubsub_client

log = logging.getLogger(__name__)


async def publish(redis: Redis, channel: str, payload: dict[str, Any]) -> None:
    try:
        await redis.publish(channel, json.dumps(payload, default=str))
    except (RedisError, OSError) as error:
        log.warning("theme update %s not published: %s", payload.get("themeId"), error)


class ThemeBroadcaster:
    """One Redis subscription per process; any number of local listeners."""

    def __init__(self, redis_url: str, channel: str) -> None:
        self.redis_url = redis_url
        self.channel = channel
        self._listeners: set[asyncio.Queue[dict[str, Any]]] = set()
        self._task: asyncio.Task[None] | None = None
        self.ready = asyncio.Event()

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="theme-broadcast")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        backoff = 0.2
        while True:
            client = pubsub_client(self.redis_url)
            try:
                async with client.pubsub() as pubsub:
                    await pubsub.subscribe(self.channel)
                    self.ready.set()
                    backoff = 0.2
                    async for message in pubsub.listen():
                        if message.get("type") != "message":
                            continue
                        self._dispatch(json.loads(message["data"]))
            except asyncio.CancelledError:
                raise
            except (RedisError, OSError, ValueError) as error:
                self.ready.clear()
                log.warning("theme broadcast subscription lost (%s); retrying", error)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 5.0)
            finally:
                with contextlib.suppress(Exception):
                    await client.aclose()

    def _dispatch(self, payload: dict[str, Any]) -> None:
        for queue in list(self._listeners):
            if queue.full():
                # A slow subscriber loses its oldest update rather than stalling everyone.
                with contextlib.suppress(asyncio.QueueEmpty):
                    queue.get_nowait()
            queue.put_nowait(payload)

    @contextlib.asynccontextmanager
    async def listen(self) -> AsyncIterator[asyncio.Queue[dict[str, Any]]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=100)
        self._listeners.add(queue)
        try:
            yield queue
        finally:
            self._listeners.discard(queue)
