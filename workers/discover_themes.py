"""Periodic discovery of new themes among cases that fit no existing theme.

Runs under a transaction-level advisory lock, so concurrent runs (cron plus the run a
processing job asks for) do not both create the same theme. A rerun finds the cases already
assigned and does nothing: the job is idempotent.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.transactions import in_transaction

from domain.taxonomy import ThemeStatus
from domain.theme_aggregates import refresh_aggregates
from messaging.theme_updates import publish_themes
from models import Theme
from settings import get_settings
from workers.engine.features import mean_row, to_sparse_dict, vectorise
from workers.engine.normalise import normalise
from workers.engine.themes import cluster, label_from_terms, representatives, top_terms

log = logging.getLogger(__name__)

DISCOVERY_LOCK = 7_100_001
MAX_BATCH = 3000
EXCERPT_CHARS = 280

_UNASSIGNED_CASES = """
SELECT r.id::text AS id, r.masked_text, r.duplicate_group_id::text AS group_id
FROM report r JOIN duplicate_group g ON g.id = r.duplicate_group_id
WHERE r.theme_id IS NULL AND r.processed_at IS NOT NULL AND NOT r.theme_locked
  AND g.canonical_report_id = r.id AND r.created_at >= $1
ORDER BY r.created_at DESC
LIMIT $2
"""
_ASSIGN_GROUPS = """
UPDATE report SET theme_id = $1,
       status = CASE WHEN status = 'RECEIVED' THEN 'LINKED_TO_THEME' ELSE status END,
       updated_at = now()
WHERE duplicate_group_id = ANY($2::uuid[]) AND theme_id IS NULL AND NOT theme_locked
"""


def excerpt(masked_text: str) -> str:
    text = " ".join(masked_text.split())
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1].rsplit(" ", 1)[0] + "…"


async def discover_themes(ctx: dict[str, Any]) -> int:
    settings = get_settings()
    since = datetime.now(UTC) - timedelta(days=settings.duplicate_window_days)
    created: list[tuple[str, str]] = []
    async with in_transaction() as conn:
        locked = await conn.execute_query_dict(
            "SELECT pg_try_advisory_xact_lock($1) AS ok", [DISCOVERY_LOCK]
        )
        if not locked[0]["ok"]:
            return 0
        rows = await conn.execute_query_dict(_UNASSIGNED_CASES, [since, MAX_BATCH])
        if len(rows) < 2:
            return 0
        texts = [normalise(row["masked_text"]) for row in rows]
        vectors = await asyncio.to_thread(vectorise, texts)
        clusters = await asyncio.to_thread(cluster, vectors)
        if not clusters:
            return 0
        terms = top_terms([[texts[i] for i in members] for members in clusters])
        for members, cluster_terms in zip(clusters, terms, strict=True):
            member_vectors = vectors[members]
            typical = representatives(member_vectors)
            theme = await Theme.create(
                label=label_from_terms(cluster_terms),
                status=ThemeStatus.PROPOSED,
                top_terms=[[term, weight] for term, weight in cluster_terms],
                centroid=to_sparse_dict(mean_row(member_vectors)),
                excerpts=[excerpt(rows[members[i]]["masked_text"]) for i in typical],
                using_db=conn,
            )
            await conn.execute_query(
                _ASSIGN_GROUPS, [str(theme.id), [rows[i]["group_id"] for i in members]]
            )
            await refresh_aggregates(theme, conn)
            await theme.save(using_db=conn)
            created.append((str(theme.id), "CREATED"))
    ctx["theme_index"].invalidate()
    await publish_themes(ctx["redis"], created)
    log.info("theme discovery proposed %d theme(s)", len(created))
    return len(created)


__all__ = ["discover_themes"]
