"""One batch of waiting reports: read what the decision needs, decide, write it, in one
transaction of set-based statements.

- Idempotent: `processed_at` is re-checked under the lock and set in the same transaction, so
  a job that arq runs twice changes nothing the second time; the outbox rows of all processed
  reports are completed in that transaction.
- Deciding is serialised by one advisory lock (`workers.locks`), so two copies of a case
  processed by two workers at the same moment still end in one group, and discovery or the
  re-clustering never moves a case between a batch's read of its theme and its write.
  Feature work runs outside it.
- Candidates come only through the band-key index, the newest `CANDIDATES_PER_KEY` per key;
  nothing scans the corpus.
- Theme aggregates are refreshed by a debounced job, not per report; discovery is asked for
  when its cadence says so (`domain.engine.discovery.discovery_due`).
"""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from domain.engine.decide import Known, Member, decide
from domain.engine.duplicates import CANDIDATES_PER_KEY, CaseEvidence
from domain.engine.features import from_sparse_dict, to_sparse_dict
from domain.engine.minhash import from_bytes, to_bytes
from messaging.jobs import Job, job_key
from workers.context import WorkerContext
from workers.discovery import ask_for_discovery_if_due
from workers.locks import DECIDING_LOCK, hold
from workers.processing import statements
from workers.processing.deidentification import Deidentified
from workers.processing.evidence_cache import RecentEvidence

log = logging.getLogger(__name__)


def _known(rows: list[dict[str, Any]], recent: RecentEvidence) -> dict[str, Known]:
    """Stored candidates with their evidence: from memory when recent, else from their text."""
    return {
        row["id"]: Known(
            row["id"],
            recent.get(row["id"])
            or CaseEvidence(
                row["masked_text"],
                from_bytes(row["minhash"]),
                language=row["language"] or "nl",
                municipality=row["municipality_code"] or "",
                digests=frozenset(bytes(d) for d in row["digests"] or ()),
            ),
            row["group_id"],
            row["canonical_created_at"],
            row["canonical_theme_id"],
        )
        for row in rows
    }


def _moved_centroids(
    live: dict[str, dict[str, Any]], joined: dict[str, list[Member]]
) -> tuple[list[str], list[str]]:
    """Each live theme's centroid moved towards its new cases: (theme ids, centroids as JSON)."""
    ids, centroids = [], []
    for theme_id, row in live.items():
        centroid = row["centroid"]
        if isinstance(centroid, str):
            centroid = json.loads(centroid)
        moved = from_sparse_dict(centroid) * max(row["case_count"], 1)
        for member in joined[theme_id]:
            moved = moved + member.evidence.topic
        ids.append(theme_id)
        centroids.append(json.dumps(to_sparse_dict(moved)))
    return ids, centroids


async def _move_centroids(conn: BaseDBAsyncClient, joined: dict[str, list[Member]]) -> set[str]:
    """Move each theme's centroid towards its new cases; returns the themes no longer live."""
    if not joined:
        return set()
    rows = await conn.execute_query_dict(statements.LIVE_THEMES, [list(joined)])
    live = {row["id"]: row for row in rows}
    ids, centroids = await asyncio.to_thread(_moved_centroids, live, joined)
    if ids:
        await conn.execute_query(statements.CENTROIDS, [ids, centroids])
    return set(joined) - set(live)


async def process_batch(
    app: WorkerContext,
    evidence: dict[str, tuple[CaseEvidence, list[int]]],
    deidentified: dict[str, Deidentified],
) -> set[str]:
    """Decide and write groups and themes for a batch; returns the ids it processed."""
    index = await app.theme_index.get()
    window_start = datetime.now(UTC) - timedelta(days=app.duplicate_window_days)

    async with in_transaction() as conn:
        await hold(conn, DECIDING_LOCK)
        current = await conn.execute_query_dict(statements.CURRENT, [list(evidence)])
        if not current:
            return set()
        members = [
            Member(row["id"], row["created_at"], *evidence[row["id"]],
                   theme_id=row["theme_id"], theme_locked=row["theme_locked"])
            for row in current
        ]  # fmt: skip
        keys = [key for m in members for key in m.keys]
        owners = [n for n, m in enumerate(members) for _ in m.keys]
        pairs = await conn.execute_query_dict(
            statements.CANDIDATE_PAIRS, [keys, owners, window_start, CANDIDATES_PER_KEY]
        )
        for pair in pairs:
            members[pair["member"]].candidates.append(pair["id"])
        wanted = sorted({pair["id"] for pair in pairs})
        rows = await conn.execute_query_dict(statements.KNOWN, [wanted]) if wanted else []
        known = _known(rows, app.recent)
        decision = await asyncio.to_thread(decide, members, known, index)
        gone = await _move_centroids(conn, decision.joined)
        for theme_id in gone:  # a theme merged away meanwhile: these cases wait for discovery
            for member in decision.joined[theme_id]:
                member.theme_id = None
        if decision.new_groups:
            await conn.execute_query(
                statements.NEW_GROUPS,
                [list(decision.new_groups), list(decision.new_groups.values())],
            )
        changed = {g: r for g, (_, r) in decision.canonical.items()}
        if changed:
            await conn.execute_query(statements.CANONICAL, [list(changed), list(changed.values())])
        await conn.execute_query(
            statements.MARK_PROCESSED,
            [
                [m.id for m in members],
                [to_bytes(m.evidence.signature) for m in members],
                [m.group_id for m in members],
                [m.theme_id for m in members],
                [deidentified[m.id].masked_text for m in members],
                [json.dumps(m.link_evidence) if m.link_evidence else None for m in members],
                [json.dumps(m.theme_evidence) if m.theme_evidence else None for m in members],
            ],
        )
        found = [
            (m.id, kind, digest) for m in members for kind, digest in deidentified[m.id].identifiers
        ]
        if found:
            await conn.execute_query(
                statements.SAVE_IDENTIFIERS, [list(col) for col in zip(*found, strict=True)]
            )
        await conn.execute_query(
            statements.SAVE_BANDS,
            [[m.id for m in members for _ in m.keys], [k for m in members for k in m.keys]],
        )
        await conn.execute_query(
            statements.COMPLETE, [[job_key(Job.PROCESS_REPORT, m.id) for m in members]]
        )
        touched = sorted({m.theme_id for m in members if m.theme_id is not None})
        if touched:  # durable: a refresh lost to an outage is found again by the sweep
            await conn.execute_query(statements.MARK_THEMES_DIRTY, [touched])

    app.recent.add((k.id, k.evidence) for k in known.values())
    app.recent.add((m.id, m.evidence) for m in members)
    themes = {m.theme_id for m in members if m.theme_id is not None}
    for theme_id in sorted(themes):
        await app.queue.request_refresh(theme_id)
    if any(m.theme_id is None for m in members):
        await ask_for_discovery_if_due(app, window_start)
    new_cases = sum(1 for m in members if m.new_group)
    log.info(
        "processed %d report(s): %d new case(s), %d joined a case, %d theme(s) touched",
        len(members), new_cases, len(members) - new_cases, len(themes),
    )  # fmt: skip
    return {m.id for m in members}
