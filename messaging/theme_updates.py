"""Theme changes as municipalities receive them, published after their transaction committed.

The payload holds aggregates only: no text, no identifiers of reporters, small counts
suppressed. The same payload feeds the `themeUpdates` subscription on every API process.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from redis.asyncio import Redis

from messaging.broadcast import publish
from messaging.notificaties.fan_out import Notifier
from messaging.outages import OUTAGES
from models import Theme
from privacy.small_counts import counts_of

log = logging.getLogger(__name__)


def theme_update_payload(theme: Theme, change: str, threshold: int) -> dict[str, Any]:
    """What subscribers receive: aggregates only, no text, no identifiers of reporters, and
    small counts suppressed so that no total or split gives them away."""
    counts = counts_of(theme, threshold)
    return {
        "themeId": str(theme.id),
        "version": theme.version,
        "change": change,
        "label": theme.label,
        "status": theme.status.value,
        "topTerms": [t[0] if isinstance(t, list | tuple) else t for t in theme.top_terms],
        "caseCount": counts.case_count,
        "reporterCount": counts.reporter_count,
        "residentReporterCount": counts.resident_reporter_count,
        "professionalReporterCount": counts.professional_reporter_count,
        "municipalities": [
            {"code": code, "caseCount": count}
            for code, count in sorted(counts.municipalities.items())
        ],
        "domains": theme.domains,
        "problemTypes": theme.problem_types,
        "structuralScore": theme.structural_score,
        "solutionLevel": theme.solution_level.value if theme.solution_level else None,
        "changedAt": datetime.now(UTC).isoformat(),
    }


class ThemePublisher:
    """Publishes theme changes on one Redis channel, small counts suppressed at `threshold`,
    and records them for the municipalities' webhook abonnementen (`notifier`)."""

    def __init__(
        self, redis: Redis, channel: str, threshold: int, notifier: Notifier | None = None
    ) -> None:
        self.redis = redis
        self.channel = channel
        self.threshold = threshold
        self.notifier = notifier

    async def publish(self, changes: Iterable[tuple[str, str]]) -> None:
        """`changes` are (theme id, change kind) pairs; each theme is read fresh after commit."""
        seen: dict[str, str] = {}
        for theme_id, change in changes:
            seen.setdefault(str(theme_id), change)
        for theme_id, change in seen.items():
            theme = await Theme.get_or_none(id=theme_id)
            if theme is None:
                continue
            payload = theme_update_payload(theme, change, self.threshold)
            await publish(self.redis, self.channel, payload)
            if self.notifier is not None:
                try:
                    await self.notifier.notify(theme, payload, change)
                except OUTAGES as error:  # the change stands; only its webhook copy is lost
                    log.warning("theme change %s not recorded for webhooks: %s", theme_id, error)
