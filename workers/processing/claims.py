"""Which waiting reports a batch of this process has taken, and their features.

A report is claimed by one batch of a worker process at a time: a per-report job whose
report a running batch already took waits for that batch instead of computing the same
features twice. Claims live in process memory; across processes the deciding lock and the
`processed_at IS NULL` re-check under it keep every report processed once.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from tortoise import connections

from domain.engine.duplicates import CaseEvidence
from domain.engine.evidence import Report, features_of
from domain.engine.topics import Ticked
from workers.processing import statements
from workers.processing.deidentification import Deidentified, deidentify

BATCH_SIZE = 200

Claimed = dict[str, asyncio.Future[None]]


@dataclass
class ClaimedBatch:
    """Reports this process has taken, with their features; `done` resolves on release."""

    ids: list[str]
    evidence: dict[str, tuple[CaseEvidence, list[int]]]
    done: asyncio.Future[None]
    deidentified: dict[str, Deidentified] = field(default_factory=dict)


async def claim_waiting(claimed: Claimed) -> list[dict[str, Any]]:
    """The oldest waiting reports no job of this process has taken (for the drain)."""
    conn = connections.get("default")
    return await conn.execute_query_dict(statements.WAITING, [list(claimed), BATCH_SIZE])


async def claim_with(report_id: str, claimed: Claimed) -> list[dict[str, Any]]:
    """This report plus the oldest waiting ones no other job of this process has taken."""
    conn = connections.get("default")
    own = await conn.execute_query_dict(statements.OWN, [report_id])
    if not own:
        return []
    others = await conn.execute_query_dict(
        statements.WAITING, [[report_id, *claimed], BATCH_SIZE - 1]
    )
    return own + others


def _work(
    rows: list[dict[str, Any]], deidentifier: str, key: str
) -> tuple[list[Deidentified], list[tuple[CaseEvidence, list[int]]]]:
    masked = deidentify([row["text"] for row in rows], deidentifier, key)
    reports = [
        Report(m.masked_text, row["language"] or "nl", row["municipality_code"] or "",
               frozenset(digest for _, digest in m.identifiers),
               Ticked.of(row["domains"], row["problem_types"]))
        for m, row in zip(masked, rows, strict=True)
    ]  # fmt: skip
    return masked, features_of(reports)


async def prepare_batch(
    rows: list[dict[str, Any]], claimed: Claimed, deidentifier: str, key: str
) -> ClaimedBatch:
    """Mark the rows as taken by this process, then, in a thread, mask their originals once
    more (`deidentification`) and compute the features of what that leaves."""
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    ids = [row["id"] for row in rows]
    for report_id in ids:
        claimed[report_id] = done
    try:
        masked, features = await asyncio.to_thread(_work, rows, deidentifier, key)
    except BaseException:
        release(claimed, ClaimedBatch(ids, {}, done))
        raise
    return ClaimedBatch(
        ids, dict(zip(ids, features, strict=True)), done, dict(zip(ids, masked, strict=True))
    )


def release(claimed: Claimed, batch: ClaimedBatch) -> None:
    """Give the batch's reports back and wake the jobs waiting for them."""
    for report_id in batch.ids:
        if claimed.get(report_id) is batch.done:
            del claimed[report_id]
    if not batch.done.done():
        batch.done.set_result(None)
