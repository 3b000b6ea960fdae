"""setReportStatus (staff): move a report through its statuses, as the workflow table allows.

Staff choose review, closed or declined; `LINKED_TO_THEME` and `REFERRED` follow from facts
(a theme, a delivered referral) and are only ever set by the system.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import strawberry
from tortoise.transactions import in_transaction

from domain import audit, workflow
from domain.errors import InputErrors, NotFound
from models import Report
from resolvers.access import require_viewer
from resolvers.errors import errors_as_data
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
from vocabulary.translations import N_


@strawberry.input
class SetReportStatusInput:
    report_id: strawberry.ID
    status: ReportStatus
    note: str | None = strawberry.field(default=None, description="Waarom (voor het auditlog).")


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
