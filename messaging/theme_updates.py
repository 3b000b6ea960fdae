"""Publish theme changes after their transaction committed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from redis.asyncio import Redis

from domain.theme_aggregates import theme_update_payload
from messaging.broadcast import publish
from models import Theme
from settings import get_settings


async def publish_themes(redis: Redis, changes: Iterable[tuple[str, str]]) -> None:
    """`changes` are (theme id, change kind) pairs; each theme is read fresh after commit."""
    settings = get_settings()
    seen: dict[str, str] = {}
    for theme_id, change in changes:
        seen.setdefault(theme_id, change)
    for theme_id, change in seen.items():
        theme = await Theme.get_or_none(id=theme_id)
        if theme is None:
            continue
        payload: dict[str, Any] = theme_update_payload(
            theme, change, settings.small_count_threshold
        )
        await publish(redis, settings.theme_channel, payload)
