"""setReportStatus (staff): move a report through its statuses, audited."""

from __future__ import annotations

from typing import Annotated

import strawberry

from models import Report
from resolvers import audit
from resolvers.validation import check_optional_text, parse_uuid
from schema.context import Info
from schema.enums import ReportStatus
from schema.errors import InputErrors, InvalidInput, NotFound, not_found
from schema.reports.types import ReportType


@strawberry.input
class SetReportStatusInput:
    report_id: strawberry.ID
    status: ReportStatus
    note: str | None = strawberry.field(default=None, description="Waarom (voor het auditlog).")


@strawberry.type
class ReportStatusSet:
    report: ReportType


SetReportStatusResult = Annotated[
    ReportStatusSet | InvalidInput | NotFound, strawberry.union("SetReportStatusResult")
]


async def set_report_status(info: Info, input: SetReportStatusInput) -> SetReportStatusResult:
    errors = InputErrors()
    report_id = parse_uuid(errors, "reportId", input.report_id)
    note = check_optional_text(errors, "note", input.note, maximum=2000, label="de toelichting")
    if errors:
        return errors.result()
    report = await Report.get_or_none(id=report_id)
    if report is None:
        return not_found("Dit signaal")
    previous = report.status
    report.status = input.status
    await report.save(update_fields=["status", "updated_at"])
    viewer = info.context.viewer
    assert viewer is not None
    await audit.record(
        viewer,
        "report.status_set",
        "report",
        report_id,
        reason=note,
        details={"from": previous.value, "to": input.status.value},
    )
    return ReportStatusSet(report=ReportType.from_model(report))
