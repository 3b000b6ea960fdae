"""Recompute a theme's aggregates and announce the change, debounced per theme.

Processing many reports into one theme triggers one refresh per half second, not one per
report: the aggregate queries scan the theme's members, which is fine once, not per report.
"""

from __future__ import annotations

from typing import Any

from tortoise.transactions import in_transaction

from domain.theme_aggregates import refresh_aggregates
from messaging.theme_updates import publish_themes
from models import Theme


async def refresh_theme(ctx: dict[str, Any], theme_id: str, change: str = "UPDATED") -> str:
    async with in_transaction() as conn:
        theme = await Theme.filter(id=theme_id).using_db(conn).select_for_update().first()
        if theme is None:
            return "missing"
        await refresh_aggregates(theme, conn)
        await theme.save(using_db=conn)
    await publish_themes(ctx["redis"], [(theme_id, change)])
    return "refreshed"
