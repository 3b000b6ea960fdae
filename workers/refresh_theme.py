"""Recompute a theme's aggregates and announce the change, debounced per theme.

Processing many reports into one theme triggers one refresh per half second, not one per
report: the aggregate queries scan the theme's members, which is fine once, not per report.
With `recentre` (after staff split a theme) the centroid is recomputed from the theme's
cases too: the API never vectorises text.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from tortoise import connections
from tortoise.transactions import in_transaction

from domain.engine.features import mean_row, to_sparse_dict
from domain.engine.normalise import normalise
from domain.engine.topics import theme_vectors
from domain.theme_aggregates import refresh_aggregates
from messaging.jobs import Job, job_key
from messaging.outbox import complete
from models import Report, Theme
from workers.context import WorkerContext, context_of
from workers.discovery import languages_of, ticked_of

MAX_CENTROID_CASES = 3000


def _centroid(rows: list[dict[str, Any]]) -> dict[str, float]:
    """The mean of the theme's cases' vectors, read as discovery reads them."""
    if not rows:
        return {}
    texts = [normalise(str(row["masked_text"])) for row in rows]
    vectors = theme_vectors(texts, languages_of(rows), ticked=ticked_of(rows))
    return to_sparse_dict(mean_row(vectors))


_CLEAN = """
UPDATE theme SET refresh_requested_at = NULL
WHERE id = $1 AND refresh_requested_at <= $2
"""
_DIRTY = """
SELECT id::text AS id FROM theme
WHERE refresh_requested_at IS NOT NULL AND refresh_requested_at < now() - $1 * interval '1 second'
ORDER BY refresh_requested_at LIMIT 500
"""


async def refresh_theme(ctx: dict[str, Any], theme_id: str, mode: str = "") -> str:
    app = context_of(ctx)
    started = datetime.now(UTC)
    async with in_transaction() as conn:
        theme = await Theme.filter(id=theme_id).using_db(conn).select_for_update().first()
        if theme is None:
            return "missing"
        if mode == "recentre":
            rows = await (
                Report.filter(theme_id=theme_id)
                .using_db(conn)
                .order_by("-created_at")
                .limit(MAX_CENTROID_CASES)
                .values("masked_text", "language", "domains", "problem_types")
            )
            theme.centroid = await asyncio.to_thread(_centroid, rows)
        await refresh_aggregates(theme, conn)
        await theme.save(using_db=conn)
        await conn.execute_query(_CLEAN, [theme_id, started])
        if mode == "recentre":
            app.theme_index.invalidate()
    job_id = ctx.get("job_id")
    if isinstance(job_id, str) and job_id.startswith(job_key(Job.REFRESH_THEME, "recentre:")):
        await complete(job_id)
    await app.publisher.publish([(theme_id, "UPDATED")])
    return "refreshed"


async def refresh_waiting_themes(app: WorkerContext, grace_seconds: float = 5.0) -> int:
    """Ask again for the refreshes that did not happen (the sweep runs this)."""
    rows = await connections.get("default").execute_query_dict(_DIRTY, [grace_seconds])
    for row in rows:
        await app.queue.request_refresh(row["id"])
    return len(rows)
