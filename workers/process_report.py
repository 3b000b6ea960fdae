"""Processing: find each waiting report's duplicate group, then its theme — in batches.

Two jobs share this code. The drain (`workers.process_waiting`, what a submission asks for)
claims the oldest waiting reports batch after batch. `process_report` is the per-report job
the outbox sweep enqueues for a report left behind: it takes its own report and, with it, up
to `BATCH_SIZE` other waiting ones. Either way, features are computed for the whole batch at
once in a thread (off the event loop); then one transaction decides and writes everything
with set-based SQL. This is what lets one worker process keep up with a burst of
submissions: the per-report cost is a share of a few queries instead of a dozen round trips.

Rules, unchanged by batching:
- Idempotent: `processed_at` is re-checked under the lock and set in the same transaction, so
  a job that arq runs twice changes nothing the second time; the outbox rows of all processed
  reports are completed in that transaction.
- Deciding is serialised by one advisory lock, so two copies of a case processed by two
  workers at the same moment still end in one group. Feature work runs outside it.
- Candidates come only through the band-key index, the newest `CANDIDATES_PER_KEY` per key;
  nothing scans the corpus. Within a batch, earlier members are candidates for later ones.
  All comparisons of a batch are verified in one go (`verify_pairs`).
- A new report joins the group of its strongest verified candidate and never merges two
  existing groups, so groups staff separated stay separated. The canonical report of a group
  is its earliest report.
- A report staff already placed in a theme keeps it; a new case goes to the nearest live theme
  or waits for discovery. Theme aggregates are refreshed by a debounced job, not per report.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from scipy import sparse
from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from messaging.debounce import enqueue_debounced
from messaging.outbox import complete
from settings import get_settings
from workers.engine.duplicates import (
    CANDIDATES_PER_KEY,
    MAX_CANDIDATES,
    CaseEvidence,
    verify_pairs,
)
from workers.engine.features import from_sparse_dict, to_sparse_dict, vectorise
from workers.engine.minhash import band_keys, detail_keys, from_bytes, signature, to_bytes
from workers.engine.normalise import normalise
from workers.engine.themes import ThemeIndex
from workers.evidence_cache import RecentEvidence

log = logging.getLogger(__name__)

BATCH_SIZE = 200
# One lock for the deciding step of every worker process (an arbitrary 64-bit constant).
DECIDING_LOCK = 0x5167_6E61_6C70_0001


def job_key(report_id: str) -> str:
    return f"process_report:{report_id}"


@dataclass
class Member:
    """A report in the batch, with what the decision needs and what it decided."""

    id: str
    created_at: datetime
    evidence: CaseEvidence
    keys: list[int]
    theme_id: str | None = None
    theme_locked: bool = False
    group_id: str | None = None
    new_group: bool = False
    candidates: list[str] = field(default_factory=list)


@dataclass
class Known:
    """A stored, processed report found through a band key."""

    id: str
    evidence: CaseEvidence
    group_id: str
    canonical_created_at: datetime | None
    canonical_theme_id: str | None


_STATE = "SELECT processed_at IS NOT NULL AS done FROM report WHERE id = $1"
_WAITING = """
SELECT id::text AS id, masked_text FROM report
WHERE processed_at IS NULL AND id <> ALL($1::uuid[])
ORDER BY created_at LIMIT $2
"""
_OWN = "SELECT id::text AS id, masked_text FROM report WHERE id = $1 AND processed_at IS NULL"
_CURRENT = """
SELECT id::text AS id, created_at, theme_id::text AS theme_id, theme_locked FROM report
WHERE id = ANY($1::uuid[]) AND processed_at IS NULL
ORDER BY created_at, id
"""
_CANDIDATE_PAIRS = """
SELECT DISTINCT keys.member, b.report_id::text AS id
FROM unnest($1::bigint[], $2::int[]) AS keys(key, member)
CROSS JOIN LATERAL (
    SELECT report_id FROM report_band WHERE band_key = keys.key AND created_at >= $3
    ORDER BY created_at DESC LIMIT $4
) b
"""
_KNOWN = """
SELECT r.id::text AS id, r.minhash, r.masked_text, r.duplicate_group_id::text AS group_id,
       c.created_at AS canonical_created_at, c.theme_id::text AS canonical_theme_id
FROM report r
LEFT JOIN duplicate_group g ON g.id = r.duplicate_group_id
LEFT JOIN report c ON c.id = g.canonical_report_id
WHERE r.id = ANY($1::uuid[]) AND r.processed_at IS NOT NULL AND r.minhash IS NOT NULL
  AND r.duplicate_group_id IS NOT NULL
"""
_NEW_GROUPS = """
INSERT INTO duplicate_group (id, canonical_report_id, created_at, updated_at)
SELECT g, c, now(), now() FROM unnest($1::uuid[], $2::uuid[]) AS t(g, c)
"""
_CANONICAL = """
UPDATE duplicate_group g SET canonical_report_id = t.c, updated_at = now()
FROM unnest($1::uuid[], $2::uuid[]) AS t(g, c) WHERE g.id = t.g
"""
_LIVE_THEMES = """
SELECT id::text AS id, centroid, case_count FROM theme
WHERE id = ANY($1::uuid[]) AND status IN ('PROPOSED', 'CONFIRMED')
ORDER BY id FOR UPDATE
"""
_CENTROIDS = """
UPDATE theme t SET centroid = u.centroid::jsonb
FROM unnest($1::uuid[], $2::text[]) AS u(id, centroid) WHERE t.id = u.id
"""
_MARK_PROCESSED = """
UPDATE report r SET minhash = t.minhash, duplicate_group_id = t.group_id, processed_at = now(),
       updated_at = now(), theme_id = coalesce(r.theme_id, t.theme_id),
       status = CASE WHEN t.theme_id IS NOT NULL AND r.status = 'RECEIVED' THEN 'LINKED_TO_THEME'
                     ELSE r.status END
FROM unnest($1::uuid[], $2::bytea[], $3::uuid[], $4::uuid[]) AS t(id, minhash, group_id, theme_id)
WHERE r.id = t.id AND r.processed_at IS NULL
"""
_SAVE_BANDS = """
INSERT INTO report_band (report_id, band_key, created_at)
SELECT r, k, now() FROM unnest($1::uuid[], $2::bigint[]) AS t(r, k)
"""
_COMPLETE = """
UPDATE outbox_job SET completed_at = now() WHERE job_key = ANY($1) AND completed_at IS NULL
"""


def features_of(texts: list[str]) -> list[tuple[CaseEvidence, list[int]]]:
    """CPU work of a batch: normalised text, signature, word vectors (one pass), keys."""
    normalised = [normalise(t) for t in texts]
    vectors = vectorise(normalised)
    out = []
    for i, text in enumerate(normalised):
        evidence = CaseEvidence(text, signature(text), vectors[i])
        keys = sorted(set(band_keys(evidence.signature) + detail_keys(evidence.details)))
        out.append((evidence, keys))
    return out


def _known(rows: list[dict[str, Any]], recent: RecentEvidence) -> dict[str, Known]:
    """Stored candidates with their evidence: from memory when recent, else from their text."""
    return {
        row["id"]: Known(
            row["id"],
            recent.get(row["id"])
            or CaseEvidence(normalise(row["masked_text"]), from_bytes(row["minhash"])),
            row["group_id"],
            row["canonical_created_at"],
            row["canonical_theme_id"],
        )
        for row in rows
    }


@dataclass
class Decision:
    """What one batch decided, written in one go."""

    new_groups: dict[str, str] = field(default_factory=dict)  # group -> canonical report
    canonical: dict[str, tuple[datetime, str]] = field(default_factory=dict)  # group -> earliest
    joined: dict[str, list[Member]] = field(default_factory=dict)  # theme -> new cases
    known: dict[str, CaseEvidence] = field(default_factory=dict)  # candidates, for the cache


def _comparisons(members: list[Member], known: dict[str, Known]) -> list[list[Known | Member]]:
    """Whom each member is compared with, in order: its stored candidates, then the earlier
    members of the batch that share a key with it."""
    out: list[list[Known | Member]] = []
    by_key: dict[int, list[Member]] = {}
    for member in members:
        checked: set[str] = set()
        mine: list[Known | Member] = []
        for candidate_id in member.candidates[:MAX_CANDIDATES]:
            other = known.get(candidate_id)
            if other is not None and candidate_id not in checked:
                checked.add(candidate_id)
                mine.append(other)
        for key in member.keys:
            for earlier in by_key.get(key, ()):
                if earlier.id not in checked:
                    checked.add(earlier.id)
                    mine.append(earlier)
        for key in member.keys:
            by_key.setdefault(key, []).append(member)
        out.append(mine)
    return out


def _decide(
    members: list[Member], rows: list[dict[str, Any]], index: ThemeIndex, recent: RecentEvidence
) -> Decision:
    """Groups and themes for the batch, members in order of arrival (runs in a thread; the
    theme index is a snapshot that reloading replaces, never mutates). All comparisons are
    verified in one go first; the decisions then read their verdicts in order."""
    known = _known(rows, recent)
    comparisons = _comparisons(members, known)
    verdicts = iter(
        verify_pairs(
            [
                (m.evidence, o.evidence)
                for m, mine in zip(members, comparisons, strict=True)
                for o in mine
            ]
        )
    )
    nearest = index.nearest_many(sparse.vstack([m.evidence.vector for m in members], format="csr"))
    decision = Decision(known={k.id: k.evidence for k in known.values()})
    group_theme: dict[str, str | None] = {}
    for member, mine, assignment in zip(members, comparisons, nearest, strict=True):
        best: tuple[float, str, str | None, datetime | None] | None = None
        for other in mine:
            verdict, strength = next(verdicts)
            if not verdict or (best is not None and strength <= best[0]):
                continue
            if isinstance(other, Known):
                theme = group_theme.get(other.group_id, other.canonical_theme_id)
                best = (strength, other.group_id, theme, other.canonical_created_at)
            else:
                assert other.group_id is not None  # decided before this member
                best = (strength, other.group_id, group_theme.get(other.group_id), None)

        if best is not None:
            _, member.group_id, inherited, canonical_at = best
            earliest = decision.canonical.get(member.group_id)
            if member.group_id not in decision.new_groups and (
                (earliest is None and (canonical_at is None or member.created_at < canonical_at))
                or (earliest is not None and member.created_at < earliest[0])
            ):
                decision.canonical[member.group_id] = (member.created_at, member.id)
            if member.theme_id is None and not member.theme_locked:
                member.theme_id = inherited
            group_theme.setdefault(member.group_id, member.theme_id)
            continue
        member.group_id, member.new_group = str(uuid.uuid4()), True
        decision.new_groups[member.group_id] = member.id
        if member.theme_id is None and not member.theme_locked and assignment is not None:
            member.theme_id = assignment.theme_id
            decision.joined.setdefault(assignment.theme_id, []).append(member)
        group_theme[member.group_id] = member.theme_id
    return decision


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
            moved = moved + member.evidence.vector
        ids.append(theme_id)
        centroids.append(json.dumps(to_sparse_dict(moved)))
    return ids, centroids


async def _move_centroids(conn: BaseDBAsyncClient, joined: dict[str, list[Member]]) -> set[str]:
    """Move each theme's centroid towards its new cases; returns the themes no longer live."""
    if not joined:
        return set()
    rows = await conn.execute_query_dict(_LIVE_THEMES, [list(joined)])
    live = {row["id"]: row for row in rows}
    ids, centroids = await asyncio.to_thread(_moved_centroids, live, joined)
    if ids:
        await conn.execute_query(_CENTROIDS, [ids, centroids])
    return set(joined) - set(live)


async def _claim(report_id: str, claimed: dict[str, asyncio.Future[None]]) -> list[dict[str, Any]]:
    """This report plus the oldest waiting ones no other job of this process has taken."""
    conn = connections.get("default")
    own = await conn.execute_query_dict(_OWN, [report_id])
    if not own:
        return []
    others = await conn.execute_query_dict(_WAITING, [[report_id, *claimed], BATCH_SIZE - 1])
    return own + others


async def claim_waiting(claimed: dict[str, asyncio.Future[None]]) -> list[dict[str, Any]]:
    """The oldest waiting reports no job of this process has taken (for the drain)."""
    conn = connections.get("default")
    return await conn.execute_query_dict(_WAITING, [list(claimed), BATCH_SIZE])


@dataclass
class ClaimedBatch:
    """Reports this process has taken, with their features; `done` resolves on release."""

    ids: list[str]
    evidence: dict[str, tuple[CaseEvidence, list[int]]]
    done: asyncio.Future[None]


async def prepare_batch(
    rows: list[dict[str, Any]], claimed: dict[str, asyncio.Future[None]]
) -> ClaimedBatch:
    """Mark the rows as taken by this process and compute their features in a thread."""
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    ids = [row["id"] for row in rows]
    for report_id in ids:
        claimed[report_id] = done
    try:
        features = await asyncio.to_thread(features_of, [row["masked_text"] for row in rows])
    except BaseException:
        release(claimed, ClaimedBatch(ids, {}, done))
        raise
    return ClaimedBatch(ids, dict(zip(ids, features, strict=True)), done)


def release(claimed: dict[str, asyncio.Future[None]], batch: ClaimedBatch) -> None:
    """Give the batch's reports back and wake the jobs waiting for them."""
    for report_id in batch.ids:
        if claimed.get(report_id) is batch.done:
            del claimed[report_id]
    if not batch.done.done():
        batch.done.set_result(None)


async def process_report(ctx: dict[str, Any], report_id: str) -> str:
    conn = connections.get("default")
    # Reports taken along by a batch that is still running in this process: wait for it
    # instead of computing the same features twice.
    claimed: dict[str, asyncio.Future[None]] = ctx.setdefault("claimed_reports", {})
    if report_id in claimed:
        await asyncio.shield(claimed[report_id])
    state = await conn.execute_query_dict(_STATE, [report_id])
    if not state:
        await complete(job_key(report_id))
        return "missing"
    if state[0]["done"]:
        return "already processed"  # its outbox row was completed in the same transaction
    rows = await _claim(report_id, claimed)
    if not rows:
        return "already processed"
    batch = await prepare_batch(rows, claimed)
    try:
        processed = await process_batch(ctx, batch.evidence)
    finally:
        release(claimed, batch)
    return "processed" if report_id in processed else "already processed"


async def process_batch(
    ctx: dict[str, Any], evidence: dict[str, tuple[CaseEvidence, list[int]]]
) -> set[str]:
    """Decide and write groups and themes for a batch; returns the ids it processed."""
    settings = get_settings()
    index = await ctx["theme_index"].get()
    recent: RecentEvidence = ctx.setdefault("recent_evidence", RecentEvidence())
    window_start = datetime.now(UTC) - timedelta(days=settings.duplicate_window_days)

    async with in_transaction() as conn:
        await conn.execute_query("SELECT pg_advisory_xact_lock($1)", [DECIDING_LOCK])
        current = await conn.execute_query_dict(_CURRENT, [list(evidence)])
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
            _CANDIDATE_PAIRS, [keys, owners, window_start, CANDIDATES_PER_KEY]
        )
        for pair in pairs:
            members[pair["member"]].candidates.append(pair["id"])
        wanted = sorted({pair["id"] for pair in pairs})
        rows = await conn.execute_query_dict(_KNOWN, [wanted]) if wanted else []
        decision = await asyncio.to_thread(_decide, members, rows, index, recent)
        gone = await _move_centroids(conn, decision.joined)
        for theme_id in gone:  # a theme merged away meanwhile: these cases wait for discovery
            for member in decision.joined[theme_id]:
                member.theme_id = None
        if decision.new_groups:
            await conn.execute_query(
                _NEW_GROUPS, [list(decision.new_groups), list(decision.new_groups.values())]
            )
        changed = {g: r for g, (_, r) in decision.canonical.items()}
        if changed:
            await conn.execute_query(_CANONICAL, [list(changed), list(changed.values())])
        await conn.execute_query(
            _MARK_PROCESSED,
            [
                [m.id for m in members],
                [to_bytes(m.evidence.signature) for m in members],
                [m.group_id for m in members],
                [m.theme_id for m in members],
            ],
        )
        await conn.execute_query(
            _SAVE_BANDS,
            [[m.id for m in members for _ in m.keys], [k for m in members for k in m.keys]],
        )
        await conn.execute_query(_COMPLETE, [[job_key(m.id) for m in members]])

    recent.add(decision.known.items())
    recent.add((m.id, m.evidence) for m in members)
    redis, queue = ctx["redis"], settings.queue_name
    themes = {m.theme_id for m in members if m.theme_id is not None}
    for theme_id in sorted(themes):
        await enqueue_debounced(redis, queue, "refresh_theme", theme_id, theme_id)
    if any(m.theme_id is None for m in members):
        await enqueue_debounced(redis, queue, "discover_themes", "all", seconds=2.0)
    new_cases = sum(1 for m in members if m.new_group)
    log.info(
        "processed %d report(s): %d new case(s), %d joined a case, %d theme(s) touched",
        len(members), new_cases, len(members) - new_cases, len(themes),
    )  # fmt: skip
    return {m.id for m in members}
