"""What reporters read: their own report's status and the messages sent to them."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain.labels import REPORT_STATUS_LABELS_NL
from models import FeedbackMessage, Report, Theme
from resolvers.access import require_viewer
from resolvers.errors import errors_as_data
from resolvers.reporter.receipt_access import report_for_receipt
from schema.context import Info
from schema.errors import NotFoundError, TemporarilyUnavailableError, ThrottledError
from schema.feedback.types import FeedbackMessageType
from schema.reports.types import ReporterView
from vocabulary import MessageDirection

ReceiptLookupResult = Annotated[
    ReporterView | NotFoundError | ThrottledError | TemporarilyUnavailableError,
    strawberry.union("ReceiptLookupResult"),
]


async def reporter_view(report: Report) -> ReporterView:
    """The report's status with its own messages and those sent to its whole theme."""
    messages = await FeedbackMessage.filter(report_id=report.id).order_by("created_at")
    theme_label = None
    if report.theme_id is not None:
        messages += await FeedbackMessage.filter(
            theme_id=report.theme_id, direction=MessageDirection.TO_REPORTER
        ).order_by("created_at")
        theme = await Theme.get_or_none(id=report.theme_id)
        theme_label = theme.label if theme else None
    messages.sort(key=lambda m: m.created_at)
    return ReporterView(
        submitted_at=report.created_at,
        status=report.status,
        status_label=REPORT_STATUS_LABELS_NL[report.status],
        masked_text=report.masked_text,
        formal_route=report.formal_route,
        theme_label=theme_label,
        messages=[FeedbackMessageType.from_model(m) for m in messages],
        reference=strawberry.ID(str(report.id)),
    )


@errors_as_data
async def report_by_receipt(info: Info, receipt: str) -> ReceiptLookupResult:
    return await reporter_view(await report_for_receipt(info, receipt))


async def my_reports(info: Info) -> list[ReporterView]:
    viewer = require_viewer(info)
    reports = (
        await Report.filter(reporter_subject=viewer.subject).order_by("-created_at").limit(100)
    )
    return [await reporter_view(r) for r in reports]
