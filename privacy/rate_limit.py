"""Rate limits keyed by short-lived salted hashes, never by a stored IP address.

The client address is hashed with a salt that changes every `rate_limit_salt_seconds`, and the
counter expires with its window: after that nothing links a counter to an address. Counting
is done by the `limits` library (fixed windows in Redis, one Lua script per hit, which runs
on the Redis 6.2 the embedded default ships as well as on 7).

`take` counts an attempt *before* the work it guards (a receipt hash): concurrent attempts
cannot all pass a check made before any of them was counted. `give_back` returns it when the
attempt turned out legitimate (a correct receipt), so only misses use up the allowance.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from limits import RateLimitItemPerSecond
from limits.aio.storage import RedisStorage
from limits.aio.strategies import FixedWindowRateLimiter
from limits.errors import StorageError


class LimiterUnavailable(Exception):
    """The counters cannot be read or written (Redis is down)."""


def client_key(address: str | None, pepper: str, salt_seconds: int) -> str:
    window = int(time.time() // max(salt_seconds, 1))
    key = f"{pepper}:{window}".encode()
    return hmac.new(key, (address or "unknown").encode(), hashlib.sha256).hexdigest()[:32]


def limits_uri(redis_url: str) -> str:
    """The `limits` storage address for a redis:// or unix:// URL."""
    if redis_url.startswith("unix://"):
        return "async+redis+unix://" + redis_url.removeprefix("unix://")
    return "async+" + redis_url


class RateLimiter:
    def __init__(
        self, redis_url: str, namespace: str, bucket: str, *, limit: int, window_seconds: int
    ) -> None:
        self.storage = RedisStorage(
            limits_uri(redis_url),
            implementation="redispy",
            key_prefix=f"{namespace}:rl",
            socket_connect_timeout=1.0,
            socket_timeout=2.0,
            wrap_exceptions=True,
        )
        self.strategy = FixedWindowRateLimiter(self.storage)
        self.item = RateLimitItemPerSecond(limit, window_seconds, namespace=bucket)
        self.limit = limit
        self.window_seconds = window_seconds

    async def take(self, client: str) -> bool:
        """Count one attempt; False when the client has none left in this window."""
        try:
            return await self.strategy.hit(self.item, client)
        except (StorageError, OSError) as error:
            raise LimiterUnavailable() from error

    async def give_back(self, client: str) -> None:
        try:
            await self.strategy.hit(self.item, client, cost=-1)
        except (StorageError, OSError) as error:
            raise LimiterUnavailable() from error

    async def retry_after(self, client: str) -> int:
        try:
            stats = await self.strategy.get_window_stats(self.item, client)
        except (StorageError, OSError) as error:
            raise LimiterUnavailable() from error
        return max(1, int(stats.reset_time - time.time()))
