"""Theme queries: full themes for staff, aggregate-only summaries for municipalities."""

from __future__ import annotations

import uuid

import strawberry

from auth.roles import Role
from domain.taxonomy import ThemeStatus as ThemeStatusEnum
from domain.theme_aggregates import theme_update_payload
from models import Theme
from schema.context import Info
from schema.enums import Domain, ThemeStatus
from schema.pagination import Connection, Edge, PageInfo, after_cursor, clamp_page, encode_cursor
from schema.themes.types import ThemeSummary, ThemeType


@strawberry.input
class ThemeFilter:
    status: list[ThemeStatus] | None = None
    municipality: str | None = None
    domain: Domain | None = None
    min_structural_score: float | None = None


async def themes(
    info: Info, filter: ThemeFilter | None = None, first: int | None = 20, after: str | None = None
) -> Connection[ThemeType]:
    limit = clamp_page(first)
    f = filter or ThemeFilter()
    query = Theme.all()
    if f.status:
        query = query.filter(status__in=[s.value for s in f.status])
    else:
        query = query.exclude(status=ThemeStatusEnum.MERGED)
    if f.municipality:
        query = query.filter(municipality_codes__contains=[f.municipality.upper()])
    if f.domain:
        query = query.filter(domains__contains=[f.domain.value])
    if f.min_structural_score is not None:
        query = query.filter(structural_score__gte=f.min_structural_score)
    rows = (
        await after_cursor(query, after, "updated_at")
        .order_by("-updated_at", "-id")
        .limit(limit + 1)
    )
    edges = [
        Edge(node=ThemeType.from_model(t), cursor=encode_cursor(t.updated_at, t.id))
        for t in rows[:limit]
    ]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=len(rows) > limit, end_cursor=edges[-1].cursor if edges else None
        ),
    )


async def theme(info: Info, id: strawberry.ID) -> ThemeType | None:
    try:
        found = await Theme.get_or_none(id=uuid.UUID(str(id)))
    except ValueError:
        return None
    return ThemeType.from_model(found) if found else None


async def municipality_themes(
    info: Info, municipality: str | None = None, domain: Domain | None = None
) -> list[ThemeSummary]:
    """Themes touching a municipality, as aggregates; a municipality account sees its own."""
    viewer = info.context.viewer
    assert viewer is not None
    code = (municipality or viewer.municipality_code or "").upper()
    if viewer.has(Role.MUNICIPALITY) and not viewer.has(Role.STAFF):
        code = (viewer.municipality_code or "").upper()
    query = Theme.filter(status__in=[ThemeStatusEnum.PROPOSED, ThemeStatusEnum.CONFIRMED])
    if code:
        query = query.filter(municipality_codes__contains=[code])
    if domain:
        query = query.filter(domains__contains=[domain.value])
    threshold = info.context.services.settings.small_count_threshold
    rows = await query.order_by("-structural_score").limit(100)
    return [ThemeSummary.from_payload(theme_update_payload(t, "CURRENT", threshold)) for t in rows]
