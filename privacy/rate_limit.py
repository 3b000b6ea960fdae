"""Rate limits keyed by short-lived salted hashes, never by a stored IP address.

The client address is hashed with a salt that changes every `rate_limit_salt_seconds`, and the
Redis counter expires with its window: after that nothing links a counter to an address.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from redis.asyncio import Redis


def client_key(address: str | None, pepper: str, salt_seconds: int) -> str:
    window = int(time.time() // max(salt_seconds, 1))
    key = f"{pepper}:{window}".encode()
    return hmac.new(key, (address or "unknown").encode(), hashlib.sha256).hexdigest()[:32]


class RateLimiter:
    def __init__(self, redis: Redis, namespace: str, *, limit: int, window_seconds: int) -> None:
        self.redis = redis
        self.namespace = namespace
        self.limit = limit
        self.window_seconds = window_seconds

    def _key(self, bucket: str, client: str) -> str:
        return f"{self.namespace}:rl:{bucket}:{client}"

    async def is_blocked(self, bucket: str, client: str) -> bool:
        count = await self.redis.get(self._key(bucket, client))
        return count is not None and int(count) >= self.limit

    async def hit(self, bucket: str, client: str) -> int:
        key = self._key(bucket, client)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, self.window_seconds, nx=True)
            count, _ = await pipe.execute()
        return int(count)
