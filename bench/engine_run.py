"""Feeding an evaluation set to the service and reading back what it made of it.

Both engine benches use this: `engine_quality` against the service in this process
(`signaalpunt.harness`), `engine_through_api` against the processes `signaalpunt api` and
`signaalpunt worker` over HTTP. Reports are submitted through `submitReport` in arrival
order, the worker processes them as it does in production (drain, cadence of discovery),
and once nothing waits the scheduled discovery runs, as its cron would.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from enum import StrEnum
from typing import Any

import asyncpg
import httpx
from arq import create_pool

from bench.engine_eval import Outcome
from bench.eval.sets import EvalReport
from frontend_contract import operation
from messaging.redis_client import arq_settings
from signaalpunt.harness import asyncpg_args
from vocabulary import (
    Channel,
    Domain,
    OnBehalfRelation,
    ProblemType,
    ProfessionalField,
    ReporterRole,
)

Post = Callable[[str, dict[str, Any]], httpx.Response]
SUBMIT = operation("SubmitReport")


# The sets' writers tagged reports in their own words; the form offers the API's vocabulary.
# A tag the form has no equivalent for is left out, as a reporter would leave it unticked.
_ROLES = {"PROFESSIONAL": ReporterRole.PROFESSIONAL_CONTRACTED.value}
_CHANNELS = {"DESK": Channel.COUNTER.value, "LETTER": Channel.PAPER.value}
_FIELDS = {"CLIENTONDERSTEUNING": ProfessionalField.CLIENTONDERSTEUNER.value,
           "ONDERWIJS": ProfessionalField.SCHOOL.value, "ZORG": ProfessionalField.HUISARTS.value,
           "SCHULDHULP": ProfessionalField.BEWINDVOERDER.value}  # fmt: skip
_RELATIONS = {"CHILD": "FAMILY", "PARENT": "FAMILY", "RELATIVE": "FAMILY", "PARTNER": "FAMILY",
              "GRANDPARENT": "FAMILY", "SIBLING": "FAMILY", "CLIENT": "CASE_WORKER"}  # fmt: skip
_DOMAINS = {"WMO": Domain.WMO_2015.value, "BIJSTAND": Domain.PARTICIPATIEWET.value,
            "WW": Domain.UWV_WW.value, "WAJONG": Domain.UWV_WAJONG.value,
            "SCHULDEN": Domain.SCHULDHULPVERLENING.value}  # fmt: skip


def _one_of(value: str | None, known: type[StrEnum], synonyms: dict[str, str], default: str | None):
    if value is None:
        return default
    if value in known.__members__:
        return value
    return synonyms.get(value, default)


def submit_input(report: EvalReport) -> dict[str, Any]:
    role = _one_of(report.reporter_role, ReporterRole, _ROLES, ReporterRole.OTHER.value)
    data: dict[str, Any] = {
        "text": report.text,
        "reporterRole": role,
        "channel": _one_of(report.channel, Channel, _CHANNELS, Channel.WEB.value),
        "municipality": report.municipality,
        "domains": sorted(
            {d for d in (_one_of(x, Domain, _DOMAINS, None) for x in report.domains) if d}
        ),
        "problemTypes": [p for p in report.problem_types if p in ProblemType.__members__],
        "language": report.language,
    }
    if role != ReporterRole.RESIDENT.value and report.professional_field:
        data["professionalField"] = _one_of(
            report.professional_field, ProfessionalField, _FIELDS, ProfessionalField.OTHER.value
        )
    if report.on_behalf:
        relation = _one_of(report.on_behalf, OnBehalfRelation, _RELATIONS, "OTHER")
        data["onBehalf"] = {"relation": relation, "consentGiven": True}
    return {"input": data}


def submit_all(post: Post, reports: Sequence[EvalReport], concurrency: int = 4) -> list[str | None]:
    """The reference of each accepted report (None for a refusal), in order.

    Reports go in small waves of `concurrency`, in arrival order, the way a day of
    submissions reaches the API."""

    def one(report: EvalReport) -> str | None:
        body = post(SUBMIT, submit_input(report)).json()
        result = (body.get("data") or {}).get("submitReport") or {}
        return result.get("reference") if result.get("__typename") == "ReportSubmitted" else None

    out: list[str | None] = []
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for start in range(0, len(reports), concurrency):
            out.extend(pool.map(one, reports[start : start + concurrency]))
    return out


async def _settled(database_url: str, redis_url: str, queue: str) -> bool:
    conn = await asyncpg.connect(**asyncpg_args(database_url))
    try:
        waiting = await conn.fetchval("SELECT count(*) FROM report WHERE processed_at IS NULL")
    finally:
        await conn.close()
    pool = await create_pool(arq_settings(redis_url))
    try:
        # arq removes a job from its queue when the job ends: an empty queue runs nothing.
        queued = await pool.zcard(queue)
    finally:
        await pool.aclose()
    return waiting == 0 and queued == 0


def wait_until_settled(
    database_url: str, redis_url: str, queue: str, timeout: float = 900
) -> float:
    """Seconds until nothing waits: every report processed, no job queued or running."""
    started = time.monotonic()
    quiet = 0
    while time.monotonic() - started < timeout:
        if asyncio.run(_settled(database_url, redis_url, queue)):
            quiet += 1
            if quiet >= 3:  # debounced follow-ups are enqueued just after a job ends
                return time.monotonic() - started
        else:
            quiet = 0
        time.sleep(0.5)
    raise TimeoutError("the worker did not settle")


async def _run_job(redis_url: str, queue: str, function: str) -> object:
    pool = await create_pool(arq_settings(redis_url), default_queue_name=queue)
    try:
        job = await pool.enqueue_job(function, _job_id=f"bench-{function}-{uuid.uuid4().hex}")
        assert job is not None
        return await job.result(timeout=900)
    finally:
        await pool.aclose()


def run_scheduled(redis_url: str, queue: str, function: str = "discover_themes") -> object:
    """What the worker's cron does on its schedule, now."""
    return asyncio.run(_run_job(redis_url, queue, function))


def read_outcome(
    database_url: str, reports: Sequence[EvalReport], references: Sequence[str | None]
) -> Outcome:
    async def read() -> tuple[list[asyncpg.Record], list[asyncpg.Record]]:
        conn = await asyncpg.connect(**asyncpg_args(database_url))
        try:
            rows = await conn.fetch(
                "SELECT id::text AS id, duplicate_group_id::text AS g, theme_id::text AS t, "
                "masked_text FROM report"
            )
            themes = await conn.fetch("SELECT id::text AS id, label FROM theme")
        finally:
            await conn.close()
        return rows, themes

    rows, themes = asyncio.run(read())
    by_id = {row["id"]: row for row in rows}
    kept = [(r, ref) for r, ref in zip(reports, references, strict=True) if ref in by_id]
    return Outcome(
        reports=[r for r, _ in kept],
        groups=[by_id[ref]["g"] or ref for _, ref in kept],
        themes=[by_id[ref]["t"] for _, ref in kept],
        labels={row["id"]: row["label"] for row in themes},
        masked=[by_id[ref]["masked_text"] for _, ref in kept],
    )


def dump(path: str, figures: dict[str, object]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(figures, handle, indent=2, ensure_ascii=False, default=str)
