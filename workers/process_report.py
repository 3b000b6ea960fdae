"""The processing job of one report: find its duplicate group, then its theme.

Idempotent: `processed_at` is checked under the locks and set in the same transaction, so a
job that arq runs twice changes nothing the second time. Reports that might be one case are
serialised by advisory locks on their band keys, so two copies processed at the same moment
still end in one group. Candidates come only through the band-key index; nothing scans the
corpus. A new report joins the group of its strongest verified candidate and never merges
two existing groups, so groups staff separated stay separated. Theme aggregates are refreshed
by a debounced job, not per report.
"""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from scipy import sparse
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from messaging.debounce import enqueue_debounced
from messaging.outbox import complete
from models import DuplicateGroup, Report, Theme
from settings import get_settings
from workers.engine.duplicates import CaseEvidence, same_case
from workers.engine.features import from_sparse_dict, to_sparse_dict, vectorise
from workers.engine.minhash import band_keys, detail_keys, from_bytes, signature, to_bytes
from workers.engine.normalise import normalise

log = logging.getLogger(__name__)

MAX_CANDIDATES = 200


def job_key(report_id: str) -> str:
    return f"process_report:{report_id}"


def _features(text: str) -> CaseEvidence:
    normalised = normalise(text)
    return CaseEvidence(normalised, signature(normalised), vectorise([normalised]))


_CANDIDATES = """
SELECT DISTINCT ON (r.id) r.id::text AS id, r.minhash, r.masked_text,
       r.duplicate_group_id::text AS group_id, c.id::text AS canonical_id,
       c.created_at AS canonical_created_at, c.theme_id::text AS canonical_theme_id
FROM report_band b
JOIN report r ON r.id = b.report_id
LEFT JOIN duplicate_group g ON g.id = r.duplicate_group_id
LEFT JOIN report c ON c.id = g.canonical_report_id
WHERE b.band_key = ANY($1::bigint[]) AND b.created_at >= $2 AND r.id <> $3
  AND r.processed_at IS NOT NULL
LIMIT $4
"""
_LOCK_BANDS = """
SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT k FROM unnest($1::bigint[]) k ORDER BY k) s
"""
_SAVE_BANDS = """
INSERT INTO report_band (report_id, band_key, created_at)
SELECT $1, k, now() FROM unnest($2::bigint[]) k ON CONFLICT DO NOTHING
"""
_MARK_PROCESSED = """
UPDATE report SET minhash = $2, duplicate_group_id = $3, processed_at = now(), updated_at = now(),
       theme_id = coalesce(theme_id, $4),
       status = CASE WHEN $4::uuid IS NOT NULL AND status = 'RECEIVED' THEN 'LINKED_TO_THEME'
                     ELSE status END
WHERE id = $1 AND processed_at IS NULL
"""
_THEME_FOR_UPDATE = """
SELECT centroid, case_count FROM theme
WHERE id = $1 AND status IN ('PROPOSED', 'CONFIRMED') FOR UPDATE
"""


def _verified(evidence: CaseEvidence, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Candidates that are the same case, strongest first."""
    verified = []
    for row in rows:
        if row["minhash"] is None or row["group_id"] is None:
            continue
        other = CaseEvidence(normalise(row["masked_text"]), from_bytes(row["minhash"]))
        same, strength = same_case(evidence, other)
        if same:
            verified.append({**row, "similarity": strength})
    verified.sort(key=lambda row: -row["similarity"])
    return verified


async def _join_theme(conn: BaseDBAsyncClient, theme_id: str, vector: sparse.csr_matrix) -> bool:
    """Move the theme's centroid towards a new case; False if the theme is no longer live."""
    rows = await conn.execute_query_dict(_THEME_FOR_UPDATE, [theme_id])
    if not rows:
        return False
    weight = max(rows[0]["case_count"], 1)
    centroid = rows[0]["centroid"]
    if isinstance(centroid, str):
        centroid = json.loads(centroid)
    merged = to_sparse_dict(from_sparse_dict(centroid) * weight + vector)
    await Theme.filter(id=theme_id).using_db(conn).update(centroid=merged)
    return True


async def process_report(ctx: dict[str, Any], report_id: str) -> str:
    settings = get_settings()
    report = await Report.get_or_none(id=report_id)
    if report is None or report.processed_at is not None:
        await complete(job_key(report_id))
        return "missing" if report is None else "already processed"

    evidence = await asyncio.to_thread(_features, report.masked_text)
    keys = sorted(set(band_keys(evidence.signature) + detail_keys(evidence.details)))
    index = await ctx["theme_index"].get()
    window_start = datetime.now(UTC) - timedelta(days=settings.duplicate_window_days)
    theme_id: str | None = None

    async with in_transaction() as conn:
        # Reports that could be one case wait for each other; re-check after the wait.
        await conn.execute_query(_LOCK_BANDS, [keys])
        current = await Report.filter(id=report_id).using_db(conn).first()
        if current is None or current.processed_at is not None:
            await complete(job_key(report_id), conn)
            return "already processed"
        rows = await conn.execute_query_dict(
            _CANDIDATES, [keys, window_start, report_id, MAX_CANDIDATES]
        )
        verified = _verified(evidence, rows)
        if verified:
            best = verified[0]
            group_id, new_case = best["group_id"], False
            theme_id = best["canonical_theme_id"]
            if (
                best["canonical_created_at"] is None
                or current.created_at < best["canonical_created_at"]
            ):
                # The canonical report is the earliest of its case, whatever the order of work.
                await (
                    DuplicateGroup.filter(id=group_id)
                    .using_db(conn)
                    .update(canonical_report_id=current.id)
                )
        else:
            group = await DuplicateGroup.create(canonical_report_id=current.id, using_db=conn)
            group_id, new_case = str(group.id), True
        if current.theme_id is not None:
            theme_id = str(current.theme_id)
        elif theme_id is None and not current.theme_locked:
            nearest = index.nearest(evidence.vector)
            if nearest is not None and await _join_theme(conn, nearest.theme_id, evidence.vector):
                theme_id = nearest.theme_id
        await conn.execute_query(
            _MARK_PROCESSED,
            [report_id, to_bytes(evidence.signature), group_id, theme_id],
        )
        await conn.execute_query(_SAVE_BANDS, [report_id, keys])
        await complete(job_key(report_id), conn)

    redis, queue = ctx["redis"], settings.queue_name
    if theme_id is not None:
        await enqueue_debounced(redis, queue, "refresh_theme", theme_id, theme_id)
    else:
        await enqueue_debounced(redis, queue, "discover_themes", "all", seconds=2.0)
    log.info("processed report %s (new case: %s, theme: %s)", report_id, new_case, theme_id)
    return "processed"
