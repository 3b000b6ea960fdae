"""The worker's in-memory index of live theme centroids, refreshed every few seconds."""

from __future__ import annotations

import time

from domain.engine.themes import ThemeIndex
from models import Theme
from vocabulary import ThemeStatus

REFRESH_SECONDS = 2.0


class CachedThemeIndex:
    def __init__(self) -> None:
        self.index = ThemeIndex()
        self._loaded_at = 0.0

    def invalidate(self) -> None:
        self._loaded_at = 0.0

    async def get(self) -> ThemeIndex:
        if time.monotonic() - self._loaded_at > REFRESH_SECONDS:
            rows = await Theme.filter(
                status__in=[ThemeStatus.PROPOSED, ThemeStatus.CONFIRMED]
            ).values_list("id", "centroid")
            # A new index, not a reload in place: a batch deciding in a thread keeps its snapshot.
            index = ThemeIndex()
            index.load([(str(theme_id), centroid) for theme_id, centroid in rows], None)
            self.index = index
            self._loaded_at = time.monotonic()
        return self.index
