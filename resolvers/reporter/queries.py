"""What reporters read: their own report's status and the messages sent to them."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain.labels import domain_label, status_label
from models import Report, SurveyResponse, Theme
from resolvers.access import require_viewer
from resolvers.errors import errors_as_data
from resolvers.pagination import paginate
from resolvers.reporter.receipt_access import report_for_receipt
from schema.context import Info
from schema.errors import NotFoundError, TemporarilyUnavailableError, ThrottledError
from schema.pagination import Connection, Edge
from schema.reports.types import ReporterView
from vocabulary.translations import speaking, t

ReceiptLookupResult = Annotated[
    ReporterView | NotFoundError | ThrottledError | TemporarilyUnavailableError,
    strawberry.union("ReceiptLookupResult"),
]


async def reporter_view(info: Info, report: Report) -> ReporterView:
    """The report as its reporter sees it, in the request's language when it asked for one,
    else in the report's; its messages are paged by the type."""
    language = info.context.language or report.language
    theme = await Theme.get_or_none(id=report.theme_id) if report.theme_id else None
    answered = await SurveyResponse.exists(report_id=report.id)
    with speaking(language) as spoken_language:
        return ReporterView(
            submitted_at=report.created_at,
            status=report.status,
            status_label=status_label(report.status),
            masked_text=report.masked_text,
            formal_route=report.formal_route,
            theme_label=theme_in_words(theme) if theme else None,
            reference=strawberry.ID(str(report.id)),
            model=report,
            language=spoken_language,
            survey_answered=answered,
        )


def theme_in_words(theme: Theme) -> str:
    """What a person reads about the theme: the name staff gave it, or else the laws it is
    about in a sentence. The engine's label ("boodschappen · bijstand · elke") is for staff."""
    if theme.label_locked:
        return theme.label
    domains = [domain_label(d) for d in (theme.domains or [])[:3]]
    if not domains:
        return t("Een probleem dat meer mensen hebben")
    return t("Een probleem dat meer mensen hebben met: {domains}", domains=", ".join(domains))


@errors_as_data
async def report_by_receipt(info: Info, receipt: str) -> ReceiptLookupResult:
    return await reporter_view(info, await report_for_receipt(info, receipt))


async def my_reports(
    info: Info, first: int | None = 20, after: str | None = None
) -> Connection[ReporterView]:
    viewer = require_viewer(info)
    page = await paginate(
        Report.filter(reporter_subject=viewer.subject), lambda r: r, first=first, after=after
    )
    views = [await reporter_view(info, edge.node) for edge in page.edges]
    return Connection(
        edges=[Edge(node=v, cursor=e.cursor) for v, e in zip(views, page.edges, strict=True)],
        page_info=page.page_info,
    )
