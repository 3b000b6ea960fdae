"""Who a token says the viewer is (claim paths of several identity providers), and a key set
that neither hammers nor waits on a provider that is down."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from joserfc.jwk import ECKey, KeySet

from auth.errors import IssuerUnavailable, MissingClaim
from auth.jwks import MIN_REFRESH_INTERVAL, JWKSCache
from auth.roles import ClaimPaths, Role, viewer_from_claims


def test_roles_from_every_configured_path_are_combined() -> None:
    claims: dict[str, Any] = {
        "sub": "anna",
        "realm_access": {"roles": ["staff", "offline_access"]},
        "resource_access": {"signaalpunt": {"roles": ["partner"]}, "account": {"roles": ["x"]}},
        "partner": "VNG",
    }
    viewer = viewer_from_claims(claims)
    assert viewer.roles == {Role.STAFF, Role.PARTNER} and viewer.partner == "VNG"


def test_claim_paths_can_be_configured() -> None:
    paths = ClaimPaths(roles=("groups",), municipality="attributes.gemeente")
    viewer = viewer_from_claims(
        {"sub": "g", "groups": "municipality", "attributes": {"gemeente": "gm0363"}}, paths
    )
    assert viewer.roles == {Role.MUNICIPALITY} and viewer.municipality_code == "GM0363"


@pytest.mark.parametrize(
    "claims",
    [
        {"sub": "g", "roles": ["municipality"]},
        {"sub": "g", "roles": ["municipality"], "municipality": "Amsterdam"},
        {"sub": "p", "roles": ["partner"]},
        {"sub": "p", "roles": ["partner"], "partner": "DE_BUURMAN"},
    ],
)
def test_a_role_that_speaks_for_someone_must_say_for_whom(claims: dict[str, Any]) -> None:
    with pytest.raises(MissingClaim):
        viewer_from_claims(claims)


def _keys(kid: str) -> KeySet:
    key = ECKey.generate_key("P-256", parameters={"kid": kid})
    return KeySet([key])


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_flood_of_unknown_kids_fetches_once_per_interval() -> None:
    fetches = []

    async def source() -> KeySet:
        fetches.append(1)
        return _keys("known")

    async def run() -> None:
        clock = Clock()
        cache = JWKSCache(source, clock=clock)
        await cache.get("known")
        await asyncio.gather(*(cache.get(f"forged-{n}") for n in range(100)))
        assert len(fetches) == 1  # the refresh interval has not passed
        clock.now += MIN_REFRESH_INTERVAL + 1
        await asyncio.gather(*(cache.get(f"forged-{n}") for n in range(100)))
        assert len(fetches) == 2  # one fetch in flight, shared by all of them

    asyncio.run(run())


def test_a_failing_provider_backs_off_and_known_keys_keep_working() -> None:
    calls = []
    up = {"now": True}

    async def source() -> KeySet:
        calls.append(1)
        if not up["now"]:
            raise IssuerUnavailable()
        return _keys("known")

    async def run() -> None:
        clock = Clock()
        cache = JWKSCache(source, clock=clock)
        keys = await cache.get("known")
        up["now"] = False
        clock.now += 4000  # stale: refreshed in the background, the known key still answers
        assert await cache.get("known") is keys
        await asyncio.sleep(0)
        for _ in range(50):
            await cache.get("unknown")
        assert len(calls) <= 3  # no fetch per token while the provider is down

    asyncio.run(run())


def test_a_stalled_provider_does_not_stall_a_known_key() -> None:
    started = asyncio.Event()

    async def source() -> KeySet:
        if started.is_set():
            await asyncio.sleep(3600)  # stalls
        started.set()
        return _keys("known")

    async def run() -> None:
        clock = Clock()
        cache = JWKSCache(source, clock=clock)
        await cache.get("known")
        clock.now += MIN_REFRESH_INTERVAL + 1
        stalled = asyncio.create_task(cache.get("forged"))
        await asyncio.sleep(0.01)
        known = await asyncio.wait_for(cache.get("known"), timeout=0.5)
        assert known is not None
        stalled.cancel()
        await cache.close()

    asyncio.run(run())


def test_a_verified_token_is_not_verified_again_until_it_expires(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One signature check per token; its expiry is still checked on every use."""
    import time

    from auth.dev_issuer import issue_token, local_key_source
    from auth.errors import ExpiredToken
    from auth.tokens import TokenValidator

    fetches = []
    source = local_key_source(tmp_path)

    async def counted() -> KeySet:
        fetches.append(1)
        return await source()

    token = issue_token(tmp_path, issuer="https://idp", audience="sp", role=Role.STAFF,
                        ttl_seconds=120)  # fmt: skip
    validator = TokenValidator(JWKSCache(counted), issuer="https://idp", audience="sp", leeway=0)
    verified = []
    real_verify = validator._verify

    async def spy(t: str) -> Any:
        verified.append(t)
        return await real_verify(t)

    monkeypatch.setattr(validator, "_verify", spy)

    async def run() -> None:
        first = await validator.validate(token)
        again = await validator.validate(token)
        assert first == again and len(verified) == 1
        monkeypatch.setattr(time, "time", lambda: first_seen + 121)
        with pytest.raises(ExpiredToken):
            await validator.validate(token)

    first_seen = time.time()
    asyncio.run(run())
