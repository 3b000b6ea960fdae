"""themeUpdates: live theme changes for municipalities, filtered, aggregates only."""

from __future__ import annotations

from collections.abc import AsyncGenerator

from auth.roles import Role
from resolvers.access import require_viewer
from schema.context import Info
from schema.enums import Domain
from schema.themes.types import ThemeSummary


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
            yield ThemeSummary.from_payload(payload)
