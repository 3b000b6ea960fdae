"""Staff triage queries over reports: filters, Dutch full-text search, keyset pagination."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import strawberry
from tortoise.expressions import Q

from domain import audit
from models import Report
from resolvers.access import require_viewer
from resolvers.pagination import paginate
from resolvers.reports.search import searched
from resolvers.validation import CONTROL_CHARACTERS
from schema.context import Info
from schema.enums import Domain, ProblemType, ReportStatus
from schema.pagination import Connection
from schema.reports.types import ReportType


@strawberry.input
class ReportFilter:
    status: list[ReportStatus] | None = None
    municipality: str | None = None
    domain: Domain | None = None
    problem_type: ProblemType | None = None
    theme_id: strawberry.ID | None = None
    without_theme: bool | None = None
    urgent_only: bool | None = None
    anonymous: bool | None = None
    overdue: bool | None = strawberry.field(
        default=None, description="Alleen signalen waarvan het eerste antwoord te laat is."
    )
    breached: bool | None = strawberry.field(
        default=None, description="Alleen signalen waarvan een servicenorm te laat is gevonden."
    )
    reopen_requested: bool | None = strawberry.field(
        default=None, description="Alleen signalen waarvan de melder vroeg opnieuw te kijken."
    )
    search: str | None = strawberry.field(
        default=None, description="Zoeken in de afgeschermde tekst (Nederlands, met stamvormen)."
    )


async def reports(
    info: Info, filter: ReportFilter | None = None, first: int | None = 20, after: str | None = None
) -> Connection[ReportType]:
    query = Report.all()
    f = filter or ReportFilter()
    if f.status:
        query = query.filter(status__in=[s.value for s in f.status])
    if f.municipality:
        query = query.filter(municipality_code=f.municipality.upper())
    if f.domain:
        query = query.filter(domains__contains=[f.domain.value])
    if f.problem_type:
        query = query.filter(problem_types__contains=[f.problem_type.value])
    if f.theme_id:
        try:
            query = query.filter(theme_id=uuid.UUID(str(f.theme_id)))
        except ValueError:
            query = query.filter(id=None)
    if f.without_theme:
        query = query.filter(theme_id=None)
    if f.urgent_only:
        query = query.exclude(urgency_flags=[])
    if f.anonymous is not None:
        query = query.filter(anonymous=f.anonymous)
    if f.reopen_requested:
        query = query.filter(reopen_requested_at__not_isnull=True)
    if f.breached:
        query = query.filter(
            Q(first_answer_breached_at__not_isnull=True) | Q(triage_breached_at__not_isnull=True)
        )
    if f.overdue:
        today = datetime.now(UTC).date()
        query = query.filter(answered_at=None, first_answer_due__lt=today)
    search = CONTROL_CHARACTERS.sub(" ", f.search or "").strip()
    if search:
        query = await searched(query, search, first=first, after=after)
    return await paginate(query, ReportType.from_model, first=first, after=after)


async def report(info: Info, id: strawberry.ID) -> ReportType | None:
    try:
        report_id = uuid.UUID(str(id))
    except ValueError:
        return None
    found = await Report.get_or_none(id=report_id)
    if found is None:
        return None
    await audit.record(require_viewer(info), "report.read", "report", str(found.id))
    return ReportType.from_model(found)
