"""setReportStatus (staff): move a report through its statuses, as the workflow table allows.

Staff choose review, closed or declined; `LINKED_TO_THEME` and `REFERRED` follow from facts
(a theme, a delivered referral) and are only ever set by the system. Closing or declining
sends the reporter a closing message (staff's own, or the standard one in the reporter's
language), which opens the satisfaction survey.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import strawberry
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from domain import audit, workflow
from domain.errors import InputErrors, NotFound
from domain.service_levels import mark_triaged
from domain.system_messages import REPORT_CLOSED, REPORT_DECLINED, stored_body
from models import FeedbackMessage, Report
from resolvers.access import require_viewer
from resolvers.errors import errors_as_data
from resolvers.feedback.answered import mark_answered
from resolvers.validation import check_optional_free_text, parse_uuid
from schema.context import Info
from schema.enums import ReportStatus
from schema.errors import (
    InvalidInputError,
    InvalidStateError,
    NotFoundError,
    TemporarilyUnavailableError,
)
from schema.policy import STAFF, policy
from schema.reports.types import ReportType
from vocabulary import MessageAuthor, MessageDirection
from vocabulary.translations import N_


@strawberry.input
class SetReportStatusInput:
    report_id: strawberry.ID
    status: ReportStatus
    note: str | None = strawberry.field(default=None, description="Waarom (voor het auditlog).")
    closing_message: str | None = strawberry.field(
        default=None,
        description="Bij afronden of niet in behandeling nemen: het slotbericht aan de melder. "
        "Leeg: het standaardbericht, in de taal van de melder.",
    )


@policy(STAFF)
@strawberry.type
class ReportStatusSet:
    report: ReportType


SetReportStatusResult = Annotated[
    ReportStatusSet
    | InvalidInputError
    | NotFoundError
    | InvalidStateError
    | TemporarilyUnavailableError,
    strawberry.union("SetReportStatusResult"),
]


@errors_as_data
async def set_report_status(info: Info, input: SetReportStatusInput) -> SetReportStatusResult:
    viewer = require_viewer(info)
    problems = InputErrors()
    report_id = parse_uuid(problems, "reportId", input.report_id)
    note = check_optional_free_text(
        problems, "note", input.note, maximum=2000, label=N_("de toelichting")
    )
    closing = check_optional_free_text(
        problems, "closingMessage", input.closing_message, maximum=5000,
        label=N_("het slotbericht"),
    )  # fmt: skip
    problems.raise_if_any()
    async with in_transaction() as conn:
        report = await Report.filter(id=report_id).using_db(conn).select_for_update().first()
        if report is None:
            raise NotFound.of(N_("Dit signaal"))
        previous = report.status
        workflow.check_report(previous, input.status, workflow.Actor.STAFF)
        report.status = input.status
        ended = input.status in (ReportStatus.CLOSED, ReportStatus.DECLINED)
        report.closed_at = datetime.now(UTC) if ended else None  # the retention clock
        if not ended:  # reopened: a reporter's request to look again is answered by this
            report.reopen_requested_at = None
        await report.save(
            update_fields=["status", "closed_at", "reopen_requested_at", "updated_at"],
            using_db=conn,
        )
        await mark_triaged([report.id], conn)
        if ended:
            await _send_closing_message(report, closing, viewer.subject, conn)
        await audit.record(
            viewer,
            "report.status_set",
            "report",
            report_id,
            reason=note,
            details={"from": previous.value, "to": input.status.value},
            using_db=conn,
        )
    return ReportStatusSet(report=ReportType.from_model(report))


async def _send_closing_message(
    report: Report, written: str | None, author: str, conn: BaseDBAsyncClient
) -> None:
    """The reporter hears that their report ended: staff's own words, or the standard
    message in the reporter's language (it invites the survey and a request to reopen)."""
    text_id = None
    if not written:
        text_id = REPORT_CLOSED if report.status == ReportStatus.CLOSED else REPORT_DECLINED
    await FeedbackMessage.create(
        report_id=report.id,
        direction=MessageDirection.TO_REPORTER,
        author=MessageAuthor.STAFF,
        author_subject=author,
        body=written or stored_body(text_id or REPORT_CLOSED),
        text_id=text_id,
        using_db=conn,
    )
    await mark_answered(report_id=report.id, using_db=conn)
