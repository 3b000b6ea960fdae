"""Periodic discovery of new themes among cases that fit no existing theme, and the split of
grown proposed themes that fell apart.

Runs under a transaction-level advisory lock, so concurrent runs (cron plus the run a
processing job asks for) do not both create the same theme. A rerun finds the cases already
assigned and the themes holding together, and does nothing: the job is idempotent.

Staff decisions stand: only PROPOSED themes that staff neither renamed nor merged another
theme into are split, a split keeps the theme (id, label) for its largest part, and reports
staff placed in a theme (`theme_locked`) never move.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from arq.connections import ArqRedis
from redis.exceptions import RedisError
from scipy import sparse
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from domain.taxonomy import ThemeStatus
from domain.theme_aggregates import refresh_aggregates
from messaging.theme_updates import publish_themes
from models import Theme
from settings import get_settings
from workers.engine.features import mean_row, to_sparse_dict, vectorise
from workers.engine.normalise import normalise
from workers.engine.themes import (
    SPLIT_MIN_CASES,
    cluster,
    label_from_terms,
    representatives,
    split_parts,
    top_terms,
)

log = logging.getLogger(__name__)

DISCOVERY_LOCK = 7_100_001
MAX_BATCH = 3000
MAX_SPLIT_CHECKS = 20
# A theme is checked again once it holds this much more than at its last check: clustering
# thousands of cases is seconds of CPU, and a theme that held together stays so for a while.
SPLIT_RECHECK_GROWTH = 1.25

Terms = list[tuple[str, float]]
EXCERPT_CHARS = 280

_UNASSIGNED_CASES = """
SELECT r.id::text AS id, r.masked_text, r.duplicate_group_id::text AS group_id
FROM report r JOIN duplicate_group g ON g.id = r.duplicate_group_id
WHERE r.theme_id IS NULL AND r.processed_at IS NOT NULL AND NOT r.theme_locked
  AND g.canonical_report_id = r.id AND r.created_at >= $1
ORDER BY r.created_at DESC
LIMIT $2
"""
_SPLITTABLE = """
SELECT t.id::text AS id, t.case_count FROM theme t
WHERE t.status = 'PROPOSED' AND NOT t.label_locked AND t.case_count >= $1
  AND NOT EXISTS (SELECT 1 FROM theme s WHERE s.merged_into_id = t.id)
ORDER BY t.case_count DESC, t.id
LIMIT $2
"""
_THEME_CASES = """
SELECT r.id::text AS id, r.masked_text, r.duplicate_group_id::text AS group_id
FROM report r JOIN duplicate_group g ON g.id = r.duplicate_group_id
WHERE r.theme_id = $1 AND r.processed_at IS NOT NULL AND NOT r.theme_locked
  AND g.canonical_report_id = r.id AND r.created_at >= $2
ORDER BY r.created_at DESC
LIMIT $3
"""
_MOVE_GROUPS = """
UPDATE report SET theme_id = $1, updated_at = now()
WHERE duplicate_group_id = ANY($2::uuid[]) AND theme_id = $3 AND NOT theme_locked
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


async def _propose(
    conn: BaseDBAsyncClient,
    rows: list[dict[str, Any]],
    vectors: sparse.csr_matrix,
    terms: Terms,
    move: str,
    *move_args: str,
) -> str:
    """A new proposed theme for these cases (rows with their vectors); `move` is the query
    that puts their duplicate groups in it."""
    theme = await Theme.create(
        status=ThemeStatus.PROPOSED, **_description(rows, vectors, terms), using_db=conn
    )
    groups = [row["group_id"] for row in rows]
    await conn.execute_query(move, [str(theme.id), groups, *move_args])
    await _refresh(conn, theme)
    return str(theme.id)


def _description(
    rows: list[dict[str, Any]], vectors: sparse.csr_matrix, terms: Terms
) -> dict[str, Any]:
    """What the worker writes about a theme's cases: label, terms, centroid, excerpts."""
    return {
        "label": label_from_terms(terms),
        "top_terms": [[term, weight] for term, weight in terms],
        "centroid": to_sparse_dict(mean_row(vectors)),
        "excerpts": [excerpt(rows[i]["masked_text"]) for i in representatives(vectors)],
    }


async def _refresh(conn: BaseDBAsyncClient, theme: Theme) -> None:
    await refresh_aggregates(theme, conn)
    await theme.save(using_db=conn)


async def _partition(
    rows: list[dict[str, Any]], partition: Callable[[sparse.csr_matrix], list[list[int]]]
) -> tuple[sparse.csr_matrix, list[list[int]], list[Terms]]:
    """Vectorise the cases and partition them off the event loop; each part with its terms."""
    texts = [normalise(row["masked_text"]) for row in rows]
    vectors = await asyncio.to_thread(vectorise, texts)
    parts = await asyncio.to_thread(partition, vectors)
    terms = top_terms([[texts[i] for i in part] for part in parts]) if parts else []
    return vectors, parts, terms


async def _discover(conn: BaseDBAsyncClient, since: datetime) -> list[tuple[str, str]]:
    rows = await conn.execute_query_dict(_UNASSIGNED_CASES, [since, MAX_BATCH])
    if len(rows) < 2:
        return []
    vectors, clusters, terms = await _partition(rows, cluster)
    created = []
    for members, cluster_terms in zip(clusters, terms, strict=True):
        members_rows = [rows[i] for i in members]
        created.append(
            await _propose(conn, members_rows, vectors[members], cluster_terms, _ASSIGN_GROUPS)
        )
    return [(theme_id, "CREATED") for theme_id in created]


async def _split(conn: BaseDBAsyncClient, theme_id: str, since: datetime) -> list[tuple[str, str]]:
    rows = await conn.execute_query_dict(_THEME_CASES, [theme_id, since, MAX_BATCH])
    if len(rows) < SPLIT_MIN_CASES:
        return []
    vectors, parts, terms = await _partition(rows, split_parts)
    if not parts:
        return []
    changes = []
    for part, part_terms in zip(parts[1:], terms[1:], strict=True):
        part_rows = [rows[i] for i in part]
        new_id = await _propose(conn, part_rows, vectors[part], part_terms, _MOVE_GROUPS, theme_id)
        changes.append((new_id, "CREATED"))
    kept = await Theme.filter(id=theme_id).using_db(conn).select_for_update().get()
    # The label too: staff never renamed this theme (see _SPLITTABLE).
    kept_rows = [rows[i] for i in parts[0]]
    kept.update_from_dict(_description(kept_rows, vectors[parts[0]], terms[0]))
    await _refresh(conn, kept)
    changes.append((theme_id, "UPDATED"))
    log.info("theme %s fell apart: %d part(s) proposed as new themes", theme_id, len(parts) - 1)
    return changes


def _split_checks_key(queue_name: str) -> str:
    return f"{queue_name}:theme-split-checks"


async def _last_split_checks(redis: ArqRedis, queue_name: str) -> dict[str, int]:
    """Case count of each theme at its last split check (kept in Redis: losing it only
    means checking again)."""
    try:
        raw = await redis.hgetall(_split_checks_key(queue_name))
    except (RedisError, OSError):
        return {}
    return {key.decode(): int(value) for key, value in raw.items()}


async def _remember_split_checks(redis: ArqRedis, queue_name: str, checked: dict[str, int]) -> None:
    if not checked:
        return
    try:
        await redis.hset(_split_checks_key(queue_name), mapping=checked)
    except (RedisError, OSError) as error:
        log.warning("could not remember theme split checks: %s", error)


async def discover_themes(ctx: dict[str, Any]) -> int:
    settings = get_settings()
    since = datetime.now(UTC) - timedelta(days=settings.duplicate_window_days)
    changes: list[tuple[str, str]] = []
    async with in_transaction() as conn:
        locked = await conn.execute_query_dict(
            "SELECT pg_try_advisory_xact_lock($1) AS ok", [DISCOVERY_LOCK]
        )
        if not locked[0]["ok"]:
            return 0
        changes += await _discover(conn, since)
        last_checked = await _last_split_checks(ctx["redis"], settings.queue_name)
        checked: dict[str, int] = {}
        for row in await conn.execute_query_dict(_SPLITTABLE, [SPLIT_MIN_CASES, MAX_SPLIT_CHECKS]):
            if row["case_count"] < SPLIT_RECHECK_GROWTH * last_checked.get(row["id"], 0):
                continue
            changes += await _split(conn, row["id"], since)
            checked[row["id"]] = row["case_count"]
    await _remember_split_checks(ctx["redis"], settings.queue_name, checked)
    if changes:
        ctx["theme_index"].invalidate()
        await publish_themes(ctx["redis"], changes)
    created = sum(1 for _, change in changes if change == "CREATED")
    log.info("theme discovery proposed %d theme(s)", created)
    return created


__all__ = ["discover_themes"]
