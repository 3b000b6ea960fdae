"""The scheduled re-clustering of themes as a whole (the decisions are
`domain.engine.discovery.repartition`'s).

Incremental assignment places each new case by the themes that exist when it arrives, and
discovery proposes themes from the cases left over: an early theme can then grow broad and
a late one stay small. On a schedule, every case the engine placed itself is clustered
again at once; each part continues the existing theme it shares most cases with, so ids
stay stable, a part that continues none becomes a new proposed theme, and a proposed theme
left without cases is archived (by the system, as the workflow table allows).

Staff decisions stand: confirmed themes, themes staff renamed or merged another theme into,
and reports staff placed (`theme_locked`) are never touched; their cases are not in the
clustering. Runs under the discovery lock, waiting for a discovery run to end, and writes
under the deciding lock (`workers.locks`); a rerun on
unchanged cases finds every part continuing its own theme and moves nothing: the job is
idempotent.
"""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from domain import workflow
from domain.engine.discovery import Reclustering, describe, repartition, similarities_to_mean
from domain.theme_aggregates import refresh_aggregates
from models import Theme
from vocabulary import ReportStatus, ThemeStatus
from workers.context import context_of
from workers.discovery import ENGINE_OWNED_THEME, languages_of, ticked_of
from workers.locks import DECIDING_LOCK, DISCOVERY_LOCK, hold

log = logging.getLogger(__name__)

# Average linkage holds an n×n matrix: the newest this many cases are re-clustered; older
# ones keep their theme.
MAX_CASES = 4000
LOCK_WAIT_SECONDS = 120

_LINKABLE = workflow.report_sources(ReportStatus.LINKED_TO_THEME, workflow.SYSTEM)

_CASES = f"""
SELECT r.id::text AS id, r.masked_text, r.language, r.duplicate_group_id::text AS group_id,
       r.theme_id::text AS theme_id, r.domains, r.problem_types
FROM report r
JOIN duplicate_group g ON g.id = r.duplicate_group_id
LEFT JOIN theme t ON t.id = r.theme_id
WHERE r.processed_at IS NOT NULL AND NOT r.theme_locked AND g.canonical_report_id = r.id
  AND r.created_at >= $1 AND (r.theme_id IS NULL OR ({ENGINE_OWNED_THEME}))
ORDER BY r.created_at DESC
LIMIT $2
"""
_OPEN_THEMES = f"SELECT t.id::text AS id FROM theme t WHERE {ENGINE_OWNED_THEME}"
# A report placed in theme $1 ($3: the open themes; $4: the statuses it may be linked from):
# only reports not there yet, not placed by staff, without a theme or in an open one.
_MAY_MOVE = """NOT r.theme_locked AND r.theme_id IS DISTINCT FROM $1
  AND (r.theme_id IS NULL OR r.theme_id = ANY($3::uuid[]))"""
_LINKED_STATUS = """CASE WHEN r.theme_id IS NULL AND r.status = ANY($4::text[])
                     THEN 'LINKED_TO_THEME' ELSE r.status END"""
# Every report of the groups follows its case; reports in other themes or placed by staff stay.
_MOVE = f"""
UPDATE report r SET theme_id = $1, status = {_LINKED_STATUS},
       theme_evidence = m.evidence::jsonb, updated_at = now()
FROM unnest($2::uuid[], $5::text[]) AS m(group_id, evidence)
WHERE r.duplicate_group_id = m.group_id AND {_MAY_MOVE}
"""
_EMPTY = """
SELECT t.id::text AS id FROM theme t
WHERE t.id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM report r WHERE r.theme_id = t.id)
"""


def _evidence(kind: str, similarity: float) -> str:
    return json.dumps({"by": kind, "similarity": round(similarity, 3)})


_FOLLOW = f"""
WITH left_behind AS (
    SELECT r.id, r.theme_id AS old_theme, g.canonical_report_id
    FROM report r JOIN duplicate_group g ON g.id = r.duplicate_group_id
    WHERE g.id = ANY($2::uuid[]) AND r.id <> g.canonical_report_id AND {_MAY_MOVE}
    FOR UPDATE OF r
)
UPDATE report r SET theme_id = $1, status = {_LINKED_STATUS},
       theme_evidence = jsonb_build_object('by', 'CASE', 'with', l.canonical_report_id::text),
       updated_at = now()
FROM left_behind l
WHERE r.id = l.id
RETURNING l.old_theme::text AS old_theme
"""


async def _follow(
    conn: BaseDBAsyncClient, theme_id: str, group_ids: list[str], open_ids: list[str]
) -> list[str | None]:
    """Reports of these cases that are not in their case's theme, put there; the themes they
    were in (None for none).

    A report joining a case inherits the theme its case had when the batch read it. Discovery
    and this job write under the deciding lock, so they no longer move a case between that
    read and the batch's write (`workers.locks`); this repairs reports written before that,
    and any other way a report came apart from its case (its case, already where it belongs,
    is not moved again).
    """
    rows = await conn.execute_query_dict(_FOLLOW, [theme_id, group_ids, open_ids, _LINKABLE])
    return [row["old_theme"] for row in rows]


async def _apply(
    conn: BaseDBAsyncClient, rows: list[dict[str, Any]], found: Reclustering, open_ids: list[str]
) -> list[tuple[str, str]]:
    changes: list[tuple[str, str]] = []
    # Themes some of whose cases go elsewhere: their counts and description change too.
    losing = {
        rows[i]["theme_id"]
        for part, continues in zip(found.parts, found.continues, strict=True)
        for i in part
        if rows[i]["theme_id"] is not None and rows[i]["theme_id"] != continues
    }
    refreshed: set[str] = set()
    left_by_followers: set[str] = set()  # themes a report left behind left: recounted below
    for part, terms, continues in zip(found.parts, found.terms, found.continues, strict=True):
        if continues is not None and continues not in open_ids:
            continue  # staff took this theme over meanwhile: its cases stay where they are
        vectors = found.vectors[part]
        similarities = similarities_to_mean(vectors)
        moved = [
            (rows[i]["group_id"], similarities[n])
            for n, i in enumerate(part)
            if rows[i]["theme_id"] is None or rows[i]["theme_id"] != continues
        ]
        if not moved and continues not in losing:
            # The theme holds exactly these cases already; a report of one of them left
            # behind still follows its case (see `_follow`).
            assert continues is not None  # a part continuing no theme moves all its cases
            followed = await _follow(conn, continues, [rows[i]["group_id"] for i in part], open_ids)
            if followed:
                left_by_followers.update(t for t in followed if t is not None)
                refreshed.add(continues)
                changes.append((continues, "UPDATED"))
            continue
        described = describe([rows[i]["masked_text"] for i in part], vectors, terms)
        if continues is None:
            theme = await Theme.create(status=ThemeStatus.PROPOSED, **described, using_db=conn)
            kind, change = "DISCOVERED", "CREATED"
        else:
            theme = await Theme.filter(id=continues).using_db(conn).select_for_update().get()
            theme.update_from_dict(described)
            await theme.save(using_db=conn)
            kind, change = "RECLUSTERED", "UPDATED"
        theme_id = str(theme.id)
        placed = 0
        if moved:
            placed, _ = await conn.execute_query(
                _MOVE,
                [
                    theme_id, [g for g, _ in moved], open_ids, _LINKABLE,
                    [_evidence(kind, similarity) for _, similarity in moved],
                ],
            )  # fmt: skip
        followed = await _follow(conn, theme_id, [rows[i]["group_id"] for i in part], open_ids)
        if continues is None and not placed and not followed:
            # Staff placed every case of this part while the parts were computed (their
            # themes confirmed, or the reports themselves): no theme without cases.
            await theme.delete(using_db=conn)
            continue
        left_by_followers.update(t for t in followed if t is not None)
        refreshed.add(theme_id)
        changes.append((theme_id, change))
    emptied = {row["id"] for row in await conn.execute_query_dict(_EMPTY, [open_ids])}
    for theme_id in sorted(emptied):
        theme = await Theme.filter(id=theme_id).using_db(conn).select_for_update().get()
        workflow.check_theme(ThemeStatus(theme.status), ThemeStatus.ARCHIVED, workflow.SYSTEM)
        theme.status = ThemeStatus.ARCHIVED
        await refresh_aggregates(theme, conn)
        await theme.save(using_db=conn)
        changes.append((theme_id, "ARCHIVED"))
    # Counts last, once every move is done: a theme's cases may have left through a later part.
    for theme_id in sorted((refreshed | losing | left_by_followers) - emptied):
        theme = await Theme.filter(id=theme_id).using_db(conn).select_for_update().get()
        if theme_id not in refreshed:
            changes.append((theme_id, "UPDATED"))
        await refresh_aggregates(theme, conn)
        await theme.save(using_db=conn)
    return changes


async def recluster_themes(ctx: dict[str, Any]) -> int:
    """Re-cluster every case the engine placed itself; returns the number of themes changed."""
    app = context_of(ctx)
    since = datetime.now(UTC) - timedelta(days=app.duplicate_window_days)
    async with in_transaction() as conn:
        # Wait for a discovery run that holds the lock (seconds) rather than skip: a run that
        # was asked for then sees the themes that run proposed, and a rerun changes nothing.
        await conn.execute_query(f"SET LOCAL lock_timeout = '{LOCK_WAIT_SECONDS}s'")
        await hold(conn, DISCOVERY_LOCK)
        rows = await conn.execute_query_dict(_CASES, [since, MAX_CASES])
        if len(rows) < 2:
            return 0
        open_ids = [row["id"] for row in await conn.execute_query_dict(_OPEN_THEMES)]
        found = await asyncio.to_thread(
            repartition,
            [row["masked_text"] for row in rows],
            languages_of(rows),
            [row["theme_id"] for row in rows],
            ticked_of(rows),
        )
        # Computed outside the deciding lock, written under it (see `workers.locks`); moves
        # are by case, so a report a batch added meanwhile moves with its case.
        await hold(conn, DECIDING_LOCK)
        # Staff may have confirmed, renamed or merged into a theme while the parts were
        # computed: only themes still open are written to.
        still_open = {row["id"] for row in await conn.execute_query_dict(_OPEN_THEMES)}
        changes = await _apply(conn, rows, found, [t for t in open_ids if t in still_open])
    if changes:
        app.theme_index.invalidate()
        await app.publisher.publish(changes)
    log.info(
        "re-clustering: %d case(s) in %d part(s), %d theme(s) changed, %d case(s) left alone",
        len(rows), len(found.parts), len(changes), len(found.left),
    )  # fmt: skip
    return len(changes)
