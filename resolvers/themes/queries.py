"""Theme queries: full themes for staff, aggregate-only summaries for municipalities."""

from __future__ import annotations

import uuid

import strawberry

from auth.roles import Role
from domain import workflow
from messaging.theme_updates import theme_update_payload
from models import Theme
from resolvers.access import require_viewer
from resolvers.pagination import paginate
from schema.context import Info
from schema.enums import Domain, ThemeStatus
from schema.pagination import Connection
from schema.themes.types import ThemeSummary, ThemeType
from vocabulary import ThemeStatus as ThemeStatusEnum


@strawberry.input
class ThemeFilter:
    status: list[ThemeStatus] | None = None
    municipality: str | None = None
    domain: Domain | None = None
    min_structural_score: float | None = None


async def themes(
    info: Info, filter: ThemeFilter | None = None, first: int | None = 20, after: str | None = None
) -> Connection[ThemeType]:
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
    return await paginate(
        query, ThemeType.from_model, first=first, after=after, order_field="updated_at"
    )


async def theme(info: Info, id: strawberry.ID) -> ThemeType | None:
    try:
        found = await Theme.get_or_none(id=uuid.UUID(str(id)))
    except ValueError:
        return None
    return ThemeType.from_model(found) if found else None


async def municipality_themes(
    info: Info,
    municipality: str | None = None,
    domain: Domain | None = None,
    first: int | None = 20,
    after: str | None = None,
) -> Connection[ThemeSummary]:
    """Themes touching a municipality, as aggregates; a municipality account sees its own."""
    viewer = require_viewer(info)
    code = (municipality or viewer.municipality_code or "").upper()
    if viewer.has(Role.MUNICIPALITY) and not viewer.has(Role.STAFF):
        code = (viewer.municipality_code or "").upper()
    query = Theme.filter(status__in=list(workflow.THEME_LIVE))
    if code:
        query = query.filter(municipality_codes__contains=[code])
    if domain:
        query = query.filter(domains__contains=[domain.value])
    threshold = info.context.services.settings.small_count_threshold
    return await paginate(
        query,
        lambda t: ThemeSummary.from_payload(theme_update_payload(t, "CURRENT", threshold)),
        first=first,
        after=after,
        order_field="updated_at",
    )
