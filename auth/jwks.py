"""The issuer's JSON Web Key Set, cached and refreshed when a token names an unknown key."""

from __future__ import annotations

import asyncio
import time

import httpx
from joserfc.jwk import KeySet

from auth.errors import IssuerUnavailable

# A token with an unknown `kid` triggers a refresh, but never more often than this, so a flood
# of forged tokens cannot turn us into a load generator against the identity provider.
MIN_REFRESH_INTERVAL = 10.0
CACHE_TTL = 3600.0


class JWKSCache:
    def __init__(self, issuer: str, jwks_url: str | None = None) -> None:
        self.issuer = issuer.rstrip("/")
        self._jwks_url = jwks_url
        self._keys: KeySet | None = None
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()

    async def _discover_jwks_url(self, client: httpx.AsyncClient) -> str:
        if self._jwks_url:
            return self._jwks_url
        response = await client.get(f"{self.issuer}/.well-known/openid-configuration")
        response.raise_for_status()
        self._jwks_url = str(response.json()["jwks_uri"])
        return self._jwks_url

    async def _fetch(self) -> KeySet:
        try:
            async with httpx.AsyncClient(timeout=5.0) as client:
                url = await self._discover_jwks_url(client)
                response = await client.get(url)
                response.raise_for_status()
                return KeySet.import_key_set(response.json())
        except (httpx.HTTPError, ValueError, KeyError) as error:
            raise IssuerUnavailable() from error

    async def get(self, kid: str | None) -> KeySet:
        """The key set, refreshed when stale or when `kid` is not in it."""
        async with self._lock:
            now = time.monotonic()
            stale = self._keys is None or now - self._fetched_at > CACHE_TTL
            unknown = self._keys is not None and kid is not None and not _has_kid(self._keys, kid)
            may_refresh = now - self._fetched_at > MIN_REFRESH_INTERVAL
            if stale or (unknown and may_refresh):
                self._keys = await self._fetch()
                self._fetched_at = now
            assert self._keys is not None
            return self._keys


def _has_kid(keys: KeySet, kid: str) -> bool:
    return any(key.kid == kid for key in keys.keys)
