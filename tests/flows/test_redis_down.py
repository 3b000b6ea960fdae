"""Redis down during a submit: the report is accepted, stored, and processed exactly once
after Redis is back (outbox + sweep), with its own API process and a Redis the test owns."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from frontend_contract import operation
from tests.stack import Stack, api_with_own_services
from tests.support import Api, PrivateRedis, start_worker, wait_until

TEXT = (
    "Mijn huurtoeslag wordt teruggevorderd omdat mijn zoon van 19 een bijbaan heeft. Hij spaart "
    "voor zijn studie, maar zijn inkomen telt mee voor onze toeslag. Nu moeten we 1400 euro terug."
)


@pytest.fixture
def private_redis_api(stack: Stack, tmp_path) -> Iterator[tuple[Api, PrivateRedis, dict[str, str]]]:
    """An API with its own Redis *and* its own database: the main stack's outbox sweep reads
    every outbox row of its database, so a shared database would let it process our report."""
    with api_with_own_services(stack, tmp_path / "redis", "own-redis") as services:
        yield services


def test_report_accepted_while_redis_is_down_is_processed_once_redis_is_back(
    stack: Stack, private_redis_api: tuple[Api, PrivateRedis, dict[str, str]]
) -> None:
    api, redis, env = private_redis_api

    def own_sql(query: str, *args: object) -> list[dict[str, Any]]:
        return stack.sql_on(env["DATABASE_URL"], query, *args)

    staff = stack.token("staff")
    redis.stop()

    result = api.gql(
        operation("SubmitReport"),
        {"input": {"text": TEXT, "reporterRole": "RESIDENT", "channel": "WEB", "municipality": "GM0855",
                   "domains": ["TOESLAGEN"]}},
    )["submitReport"]  # fmt: skip
    assert result["__typename"] == "ReportSubmitted", result
    assert result["receipt"]
    health = httpx.get(f"{api.base_url}/health", timeout=5).json()
    assert health["redis"] != "ok" and health["database"] == "ok"

    report = api.gql(operation("Report"), {"id": result["reference"]}, staff)["report"]
    assert report is not None and report["processed"] is False
    outbox = own_sql(
        "SELECT enqueued_at, completed_at FROM outbox_job WHERE job_key = $1",
        f"process_report:{result['reference']}",
    )
    assert outbox == [{"enqueued_at": None, "completed_at": None}]

    redis.start()
    # The API's sweep puts the job on the queue once Redis answers again.
    wait_until(
        lambda: own_sql(
            "SELECT 1 FROM outbox_job WHERE job_key = $1 AND enqueued_at IS NOT NULL",
            f"process_report:{result['reference']}",
        ),
        timeout=30,
    )
    worker = start_worker(env, stack.log_dir, name="worker-own-redis")
    try:
        processed = wait_until(
            lambda: api.gql(operation("Report"), {"id": result["reference"]}, staff)["report"][
                "processed"
            ],
            timeout=60,
        )
        assert processed
        wait_until(
            lambda: own_sql(
                "SELECT 1 FROM outbox_job WHERE job_key = $1 AND completed_at IS NOT NULL",
                f"process_report:{result['reference']}",
            ),
            timeout=30,
        )
        bands = int(
            own_sql(
                "SELECT count(*) AS n FROM report_band WHERE report_id = $1::uuid",
                result["reference"],
            )[0]["n"]
        )
        assert bands > 0
    finally:
        worker.stop()
    # Exactly once: the job ran one processing (one group, one set of band keys).
    assert own_sql(
        "SELECT count(DISTINCT band_key) AS keys, count(*) AS rows FROM report_band "
        "WHERE report_id = $1::uuid",
        result["reference"],
    ) == [{"keys": bands, "rows": bands}]
    view = api.gql(operation("ReportByReceipt"), {"receipt": result["receipt"]})["reportByReceipt"]
    assert view["__typename"] == "ReporterView"
