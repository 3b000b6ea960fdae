"""The worker heals itself: it outlives a Redis outage without a person restarting it, and
carries on processing once Redis is back."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from frontend_contract import operation
from tests.stack import Stack, api_with_own_services
from tests.support import (
    Api,
    PrivateRedis,
    Process,
    start_worker,
    wait_until,
)

TEXT = (
    "De gemeente stopt de bijzondere bijstand voor de eigen bijdrage van de rechtsbijstand omdat "
    "ik net boven de norm zit. Nu kan ik geen advocaat betalen voor mijn bezwaar."
)


@pytest.fixture
def own_services(
    stack: Stack, tmp_path: Path
) -> Iterator[tuple[Api, PrivateRedis, dict[str, str]]]:
    with api_with_own_services(stack, tmp_path / "redis", "recovery") as services:
        yield services


def test_the_worker_rides_out_a_redis_outage(
    stack: Stack, own_services: tuple[Api, PrivateRedis, dict[str, str]]
) -> None:
    api, redis, env = own_services
    staff = stack.token("staff")
    worker: Process = start_worker(env, stack.log_dir, name="worker-recovery")
    try:
        redis.stop()
        time.sleep(6)
        assert worker.popen.poll() is None, worker.log()[-2000:]  # still running, no exit
        redis.start()
        submitted: dict[str, Any] = api.gql(
            operation("SubmitReport"),
            {"input": {"text": TEXT, "reporterRole": "RESIDENT", "channel": "WEB",
                       "municipality": "GM0202"}},
        )["submitReport"]  # fmt: skip
        processed = wait_until(
            lambda: api.gql(operation("Report"), {"id": submitted["reference"]}, staff)["report"][
                "processed"
            ],
            timeout=90,
        )
        assert processed
        assert "worker lost its services" in worker.log()
    finally:
        worker.stop()
