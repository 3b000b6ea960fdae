"""What reporters read: their own report's status and the messages sent to them."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain.taxonomy import REPORT_STATUS_LABELS_NL, MessageDirection
from models import FeedbackMessage, Report, Theme
from resolvers.reporter.receipt_access import report_for_receipt
from schema.context import Info
from schema.errors import NotFound, TemporarilyUnavailable, Throttled
from schema.feedback.types import FeedbackMessageType
from schema.reports.types import ReporterView

ReceiptLookupResult = Annotated[
    ReporterView | NotFound | Throttled | TemporarilyUnavailable,
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


async def report_by_receipt(info: Info, receipt: str) -> ReceiptLookupResult:
    found = await report_for_receipt(info, receipt)
    if not isinstance(found, Report):
        return found
    return await reporter_view(found)


async def my_reports(info: Info) -> list[ReporterView]:
    viewer = info.context.viewer
    assert viewer is not None
    reports = (
        await Report.filter(reporter_subject=viewer.subject).order_by("-created_at").limit(100)
    )
    return [await reporter_view(r) for r in reports]
