"""The issuer's JSON Web Key Set, cached, refreshed without ever stalling known keys.

- A token whose key we hold never waits for the identity provider: a stale set is refreshed
  in the background while the known keys keep working, also while the provider is down.
- A token naming an unknown `kid` may trigger a refresh, at most once per
  `MIN_REFRESH_INTERVAL`, so a flood of forged tokens cannot turn us into a load generator
  against the provider.
- At most one fetch is in flight; every caller that needs it awaits that one.
- A failed fetch backs off exponentially (up to `MAX_BACKOFF`) before the next try.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

import httpx
from joserfc.jwk import KeySet

from auth.errors import IssuerUnavailable

log = logging.getLogger(__name__)

MIN_REFRESH_INTERVAL = 10.0
CACHE_TTL = 3600.0
FIRST_BACKOFF = 1.0
MAX_BACKOFF = 60.0
FETCH_TIMEOUT = 5.0

KeySource = Callable[[], Awaitable[KeySet]]


def http_key_source(issuer: str, jwks_url: str | None = None) -> KeySource:
    """Fetch the key set over HTTP, finding its address by OIDC discovery if not given."""
    found: dict[str, str] = {"url": jwks_url} if jwks_url else {}

    async def fetch() -> KeySet:
        try:
            async with httpx.AsyncClient(timeout=FETCH_TIMEOUT) as client:
                if "url" not in found:
                    response = await client.get(
                        f"{issuer.rstrip('/')}/.well-known/openid-configuration"
                    )
                    response.raise_for_status()
                    found["url"] = str(response.json()["jwks_uri"])
                response = await client.get(found["url"])
                response.raise_for_status()
                return KeySet.import_key_set(response.json())
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as error:
            raise IssuerUnavailable() from error

    return fetch


class JWKSCache:
    def __init__(self, source: KeySource, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._source = source
        self._clock = clock
        self._keys: KeySet | None = None
        self._fetched_at = 0.0
        self._not_before = 0.0  # no fetch before this moment (backoff, refresh interval)
        self._backoff = FIRST_BACKOFF
        self._inflight: asyncio.Task[KeySet | None] | None = None
        self.fetches = 0

    async def get(self, kid: str | None) -> KeySet:
        """The key set; refreshed when missing, stale, or when `kid` is not in it."""
        now = self._clock()
        keys = self._keys
        if keys is not None and (kid is None or has_kid(keys, kid)):
            if now - self._fetched_at > CACHE_TTL and now >= self._not_before:
                self._start_fetch()  # stale: refresh in the background, answer now
            return keys
        if now >= self._not_before or self._inflight is not None:
            fetched = await asyncio.shield(self._start_fetch())
            if fetched is not None:
                return fetched
        if self._keys is None:
            raise IssuerUnavailable()
        return self._keys  # the caller finds the kid unknown

    def _start_fetch(self) -> asyncio.Task[KeySet | None]:
        if self._inflight is None:
            self._inflight = asyncio.create_task(self._fetch())
        return self._inflight

    async def _fetch(self) -> KeySet | None:
        self.fetches += 1
        try:
            keys = await self._source()
        except IssuerUnavailable as error:
            now = self._clock()
            self._not_before = now + self._backoff
            log.warning("key set of the identity provider not fetched (%s); next try in %.0fs",
                        type(error.__cause__).__name__, self._backoff)  # fmt: skip
            self._backoff = min(self._backoff * 2, MAX_BACKOFF)
            return None
        finally:
            self._inflight = None
        now = self._clock()
        self._keys, self._fetched_at = keys, now
        self._not_before = now + MIN_REFRESH_INTERVAL
        self._backoff = FIRST_BACKOFF
        return keys

    async def close(self) -> None:
        if self._inflight is not None:
            self._inflight.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._inflight


def has_kid(keys: KeySet, kid: str) -> bool:
    return any(key.kid == kid for key in keys.keys)
