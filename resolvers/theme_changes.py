"""After staff changed reports or themes: recompute the touched themes and announce them."""

from __future__ import annotations

from collections.abc import Iterable

from tortoise.backends.base.client import BaseDBAsyncClient

from domain.theme_aggregates import refresh_aggregates
from models import Theme
from schema.context import Info


async def refresh_themes(conn: BaseDBAsyncClient, theme_ids: Iterable[object]) -> None:
    for theme_id in sorted({str(t) for t in theme_ids if t is not None}):
        theme = await Theme.filter(id=theme_id).using_db(conn).select_for_update().first()
        if theme is not None:
            await refresh_aggregates(theme, conn)
            await theme.save(using_db=conn)


async def announce(info: Info, theme_ids: Iterable[object], change: str) -> None:
    """Tell subscribers, after commit; each theme is read fresh."""
    await info.context.services.publisher.publish(
        [(str(t), change) for t in theme_ids if t is not None]
    )
