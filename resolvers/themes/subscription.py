"""themeUpdates: live theme changes for municipalities, filtered, aggregates only."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Any

from auth.roles import Role
from resolvers.access import require_viewer
from schema.context import Info
from schema.enums import Domain
from schema.shared_events import RecentEvents
from schema.themes.types import ThemeSummary

_summaries: RecentEvents[ThemeSummary] = RecentEvents(keep=16)


def _summary(payload: dict[str, Any]) -> ThemeSummary:
    """One summary per change for every subscriber of this process: the broadcaster hands
    them all the same payload, and a shared event is executed once (`schema.shared_events`)."""
    summary = _summaries.get(payload)
    if summary is None:
        summary = ThemeSummary.from_payload(payload)
        _summaries.put(payload, summary)
    return summary


async def theme_updates(
    info: Info, municipality: str | None = None, domains: list[Domain] | None = None
) -> AsyncGenerator[ThemeSummary, None]:
    viewer = require_viewer(info)
    code = (municipality or "").upper() or None
    if viewer.has(Role.MUNICIPALITY) and not viewer.has(Role.STAFF):
        # A municipality account follows its own municipality, whatever it asks for.
        code = (viewer.municipality_code or "").upper() or None
    wanted = {d.value for d in domains or []}
    broadcaster = info.context.services.broadcaster
    async with broadcaster.listen() as queue:
        while True:
            payload = await queue.get()
            codes = {m["code"] for m in payload.get("municipalities", [])}
            if code and code not in codes:
                continue
            if wanted and not wanted & set(payload.get("domains", [])):
                continue
            yield _summary(payload)
