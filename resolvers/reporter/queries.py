"""What reporters read: their own report's status and the messages sent to them."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain.labels import REPORT_STATUS_LABELS_NL
from models import Report, Theme
from resolvers.access import require_viewer
from resolvers.errors import errors_as_data
from resolvers.pagination import paginate
from resolvers.reporter.receipt_access import report_for_receipt
from schema.context import Info
from schema.errors import NotFoundError, TemporarilyUnavailableError, ThrottledError
from schema.pagination import Connection, Edge
from schema.reports.types import ReporterView

ReceiptLookupResult = Annotated[
    ReporterView | NotFoundError | ThrottledError | TemporarilyUnavailableError,
    strawberry.union("ReceiptLookupResult"),
]


async def reporter_view(report: Report) -> ReporterView:
    """The report as its reporter sees it; its messages are paged by the type."""
    theme = await Theme.get_or_none(id=report.theme_id) if report.theme_id else None
    return ReporterView(
        submitted_at=report.created_at,
        status=report.status,
        status_label=REPORT_STATUS_LABELS_NL[report.status],
        masked_text=report.masked_text,
        formal_route=report.formal_route,
        theme_label=theme.label if theme else None,
        reference=strawberry.ID(str(report.id)),
        model=report,
    )


@errors_as_data
async def report_by_receipt(info: Info, receipt: str) -> ReceiptLookupResult:
    return await reporter_view(await report_for_receipt(info, receipt))


async def my_reports(
    info: Info, first: int | None = 20, after: str | None = None
) -> Connection[ReporterView]:
    viewer = require_viewer(info)
    page = await paginate(
        Report.filter(reporter_subject=viewer.subject), lambda r: r, first=first, after=after
    )
    views = [await reporter_view(edge.node) for edge in page.edges]
    return Connection(
        edges=[Edge(node=v, cursor=e.cursor) for v, e in zip(views, page.edges, strict=True)],
        page_info=page.page_info,
    )
