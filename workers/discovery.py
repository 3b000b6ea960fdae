"""Discovery of new themes among cases that fit no existing theme, and the split of grown
proposed themes that fell apart (the decisions are `domain.engine.discovery`'s).

Runs under a transaction-level advisory lock, so concurrent runs (cron plus the run a
processing job asks for) do not both create the same theme; computes outside the deciding
lock and writes under it (`workers.locks`). A rerun finds the cases already
assigned and the themes holding together, and does nothing: the job is idempotent.

Staff decisions stand: only PROPOSED themes that staff neither renamed nor merged another
theme into are split, a split keeps the theme (id, label) for its largest part, and reports
staff placed in a theme (`theme_locked`) never move.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from redis.exceptions import RedisError
from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from domain import workflow
from domain.engine.discovery import (
    Partition,
    describe,
    discovery_due,
    partition,
    similarities_to_mean,
)
from domain.engine.themes import SPLIT_MIN_CASES, cluster, split_parts
from domain.engine.topics import Ticked
from domain.theme_aggregates import refresh_aggregates
from messaging.redis_client import read_hash, write_hash
from models import Theme
from vocabulary import ReportStatus, ThemeStatus
from workers.context import WorkerContext, context_of
from workers.locks import DECIDING_LOCK, DISCOVERY_LOCK, hold, try_hold
from workers.processing import statements

log = logging.getLogger(__name__)

MAX_BATCH = 3000
MAX_SPLIT_CHECKS = 20
# A theme is checked again once it holds this much more than at its last check: clustering
# thousands of cases is seconds of CPU, and a theme that held together stays so for a while.
SPLIT_RECHECK_GROWTH = 1.25

_LINKABLE = workflow.report_sources(ReportStatus.LINKED_TO_THEME, workflow.SYSTEM)

_UNASSIGNED_CASES = """
SELECT r.id::text AS id, r.masked_text, r.language, r.duplicate_group_id::text AS group_id,
       r.domains, r.problem_types
FROM report r JOIN duplicate_group g ON g.id = r.duplicate_group_id
WHERE r.theme_id IS NULL AND r.processed_at IS NOT NULL AND NOT r.theme_locked
  AND g.canonical_report_id = r.id AND r.created_at >= $1
ORDER BY r.created_at DESC
LIMIT $2
"""
# Themes whose membership is the engine's to change: proposed, never renamed by staff, and
# no theme merged into them (staff decisions stand). Split and re-clustering use it alike.
ENGINE_OWNED_THEME = """
t.status = 'PROPOSED' AND NOT t.label_locked
AND NOT EXISTS (SELECT 1 FROM theme s WHERE s.merged_into_id = t.id)
"""
_SPLITTABLE = f"""
SELECT t.id::text AS id, t.case_count FROM theme t
WHERE {ENGINE_OWNED_THEME} AND t.case_count >= $1
ORDER BY t.case_count DESC, t.id
LIMIT $2
"""
_THEME_CASES = """
SELECT r.id::text AS id, r.masked_text, r.language, r.duplicate_group_id::text AS group_id,
       r.domains, r.problem_types
FROM report r JOIN duplicate_group g ON g.id = r.duplicate_group_id
WHERE r.theme_id = $1 AND r.processed_at IS NOT NULL AND NOT r.theme_locked
  AND g.canonical_report_id = r.id AND r.created_at >= $2
ORDER BY r.created_at DESC
LIMIT $3
"""
# $4: per group, why (the similarity of its case to the new theme), as JSON.
_MOVE_GROUPS = """
UPDATE report r SET theme_id = $1, theme_evidence = m.evidence::jsonb, updated_at = now()
FROM unnest($2::uuid[], $4::text[]) AS m(group_id, evidence)
WHERE r.duplicate_group_id = m.group_id AND r.theme_id = $3 AND NOT r.theme_locked
"""
_ASSIGN_GROUPS = """
UPDATE report r SET theme_id = $1,
       status = CASE WHEN r.status = ANY($3::text[]) THEN 'LINKED_TO_THEME' ELSE r.status END,
       theme_evidence = m.evidence::jsonb, updated_at = now()
FROM unnest($2::uuid[], $4::text[]) AS m(group_id, evidence)
WHERE r.duplicate_group_id = m.group_id AND r.theme_id IS NULL AND NOT r.theme_locked
"""


def languages_of(rows: list[dict[str, Any]]) -> list[str]:
    return [str(row["language"] or "nl") for row in rows]


def ticked_of(rows: list[dict[str, Any]]) -> list[Ticked]:
    return [Ticked.of(row["domains"], row["problem_types"]) for row in rows]


def _last_run_key(app: WorkerContext) -> str:
    return f"{app.queue.name}:discovery-last-run"


async def ask_for_discovery_if_due(app: WorkerContext, since: datetime) -> None:
    """After a batch left cases waiting: ask for discovery when its cadence says so."""
    conn = connections.get("default")
    waiting = (await conn.execute_query_dict(statements.WAITING_CASES, [since]))[0]["n"]
    try:
        last = await read_hash(app.queue.redis, _last_run_key(app))
    except (RedisError, OSError):
        return  # the scheduled run will come
    last_waiting = int(last.get(b"waiting", 0))
    last_at = float(last.get(b"at", 0))
    now = time.time()
    if discovery_due(waiting, last_waiting, now - last_at, app.discovery_max_wait_seconds):
        await app.queue.request_discovery()
    elif waiting >= 2:  # not yet: once the longest wait is over
        await app.queue.request_discovery(at=last_at + app.discovery_max_wait_seconds)


async def _remember_run(app: WorkerContext, since: datetime) -> None:
    conn = connections.get("default")
    waiting = (await conn.execute_query_dict(statements.WAITING_CASES, [since]))[0]["n"]
    try:
        await write_hash(
            app.queue.redis, _last_run_key(app), {"waiting": waiting, "at": time.time()}
        )
    except (RedisError, OSError) as error:
        log.warning("could not remember the discovery run: %s", error)


async def _propose(
    conn: BaseDBAsyncClient,
    rows: list[dict[str, Any]],
    found: Partition,
    part: int,
    move: str,
    *move_args: object,
) -> str | None:
    """A new proposed theme for one part; `move` is the query that puts its groups in it.
    None when none of them could move (staff placed them while the parts were computed):
    no theme is proposed without cases."""
    members = found.parts[part]
    theme = await Theme.create(
        status=ThemeStatus.PROPOSED,
        **describe(
            [rows[i]["masked_text"] for i in members], found.vectors[members], found.terms[part]
        ),
        using_db=conn,
    )
    groups = [rows[i]["group_id"] for i in members]
    why = [
        json.dumps({"by": "DISCOVERED", "similarity": round(similarity, 3)})
        for similarity in similarities_to_mean(found.vectors[members])
    ]
    moved, _ = await conn.execute_query(move, [str(theme.id), groups, *move_args, why])
    if not moved:
        await theme.delete(using_db=conn)
        return None
    await refresh_aggregates(theme, conn)
    await theme.save(using_db=conn)
    return str(theme.id)


async def _find_new(
    conn: BaseDBAsyncClient, since: datetime
) -> tuple[list[dict[str, Any]], Partition] | None:
    """New themes among the cases without one: the cases and their parts (nothing written)."""
    rows = await conn.execute_query_dict(_UNASSIGNED_CASES, [since, MAX_BATCH])
    if len(rows) < 2:
        return None
    found = await asyncio.to_thread(
        partition, [row["masked_text"] for row in rows], cluster, languages_of(rows),
        ticked_of(rows),
    )  # fmt: skip
    return (rows, found) if found.parts else None


async def _write_new(
    conn: BaseDBAsyncClient, rows: list[dict[str, Any]], found: Partition
) -> list[tuple[str, str]]:
    created = [
        await _propose(conn, rows, found, part, _ASSIGN_GROUPS, _LINKABLE)
        for part in range(len(found.parts))
    ]
    return [(theme_id, "CREATED") for theme_id in created if theme_id is not None]


async def _find_split(
    conn: BaseDBAsyncClient, theme_id: str, since: datetime
) -> tuple[list[dict[str, Any]], Partition] | None:
    """The parts a theme fell into, if it did: its cases and their parts (nothing written)."""
    rows = await conn.execute_query_dict(_THEME_CASES, [theme_id, since, MAX_BATCH])
    if len(rows) < SPLIT_MIN_CASES:
        return None
    found = await asyncio.to_thread(
        partition, [row["masked_text"] for row in rows], split_parts, languages_of(rows),
        ticked_of(rows),
    )  # fmt: skip
    return (rows, found) if found.parts else None


# The theme is still the engine's to split when the split is written (staff may have renamed
# or merged into it while the parts were computed): its row is locked first (a later merge
# waits), then checked in a statement of its own, which sees a merge that committed while
# the lock was awaited (one statement with FOR UPDATE would check the subquery against its
# older snapshot).
_STILL_SPLITTABLE = f"SELECT t.id FROM theme t WHERE t.id = $1 AND {ENGINE_OWNED_THEME}"


async def _write_split(
    conn: BaseDBAsyncClient, theme_id: str, rows: list[dict[str, Any]], found: Partition
) -> list[tuple[str, str]]:
    kept = await Theme.filter(id=theme_id).using_db(conn).select_for_update().first()
    if kept is None or not await conn.execute_query_dict(_STILL_SPLITTABLE, [theme_id]):
        return []
    proposed = [
        await _propose(conn, rows, found, part, _MOVE_GROUPS, theme_id)
        for part in range(1, len(found.parts))
    ]
    changes = [(part_id, "CREATED") for part_id in proposed if part_id is not None]
    if not changes:
        return []  # staff placed every other part meanwhile: nothing split off, nothing to say
    # The label too: staff never renamed this theme (see _SPLITTABLE).
    members = found.parts[0]
    kept.update_from_dict(
        describe([rows[i]["masked_text"] for i in members], found.vectors[members], found.terms[0])
    )
    await refresh_aggregates(kept, conn)
    await kept.save(using_db=conn)
    changes.append((theme_id, "UPDATED"))
    log.info("theme %s fell apart: %d part(s) proposed as new themes", theme_id, len(changes) - 1)
    return changes


def _split_checks_key(app: WorkerContext) -> str:
    return f"{app.queue.name}:theme-split-checks"


async def _last_split_checks(app: WorkerContext) -> dict[str, int]:
    """Case count of each theme at its last split check (kept in Redis: losing it only
    means checking again)."""
    try:
        raw = await read_hash(app.queue.redis, _split_checks_key(app))
    except (RedisError, OSError):
        return {}
    return {key.decode(): int(value) for key, value in raw.items()}


async def _remember_split_checks(app: WorkerContext, checked: dict[str, int]) -> None:
    if not checked:
        return
    try:
        await write_hash(app.queue.redis, _split_checks_key(app), checked)
    except (RedisError, OSError) as error:
        log.warning("could not remember theme split checks: %s", error)


async def discover_themes(ctx: dict[str, Any]) -> int:
    app = context_of(ctx)
    since = datetime.now(UTC) - timedelta(days=app.duplicate_window_days)
    changes: list[tuple[str, str]] = []
    async with in_transaction() as conn:
        if not await try_hold(conn, DISCOVERY_LOCK):
            return 0
        # Everything is computed first, outside the deciding lock; a theme proposed by this
        # run is checked for a split by the next one.
        new = await _find_new(conn, since)
        last_checked = await _last_split_checks(app)
        checked: dict[str, int] = {}
        splits = []
        for row in await conn.execute_query_dict(_SPLITTABLE, [SPLIT_MIN_CASES, MAX_SPLIT_CHECKS]):
            if row["case_count"] < SPLIT_RECHECK_GROWTH * last_checked.get(row["id"], 0):
                continue
            if (parts := await _find_split(conn, row["id"], since)) is not None:
                splits.append((row["id"], *parts))
            checked[row["id"]] = row["case_count"]
        if new is not None or splits:
            # Written under the deciding lock, so no batch reads a case's theme in between
            # (see `workers.locks`); the moves are by case, so a report a batch added to one
            # of these cases meanwhile moves with it.
            await hold(conn, DECIDING_LOCK)
            if new is not None:
                changes += await _write_new(conn, *new)
            for theme_id, rows, found in splits:
                changes += await _write_split(conn, theme_id, rows, found)
    await _remember_split_checks(app, checked)
    await _remember_run(app, since)
    if changes:
        app.theme_index.invalidate()
        await app.publisher.publish(changes)
    created = sum(1 for _, change in changes if change == "CREATED")
    log.info("theme discovery proposed %d theme(s)", created)
    return created
