"""tagReport (staff): the same tags as a theme (VNG level and elements, Behoorlijkheidswijzer
norms), for a single report where staff want them."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain import audit
from domain.errors import InputErrors, NotFound
from models import Report
from resolvers.access import require_viewer
from resolvers.errors import errors_as_data
from resolvers.tags import set_tags
from resolvers.validation import check_norms, parse_uuid
from schema.context import Info
from schema.enums import BottleneckLevel, PlayingFieldElement
from schema.errors import InvalidInputError, NotFoundError, TemporarilyUnavailableError
from schema.policy import STAFF, policy
from schema.reports.types import ReportType
from vocabulary.translations import N_


@strawberry.input
class TagReportInput:
    report_id: strawberry.ID
    level: BottleneckLevel | None = None
    elements: list[PlayingFieldElement] = strawberry.field(default_factory=list)
    norms: list[int] = strawberry.field(
        default_factory=list, description="Nummers van normen uit de Behoorlijkheidswijzer (1–22)."
    )


@policy(STAFF)
@strawberry.type
class ReportTagged:
    report: ReportType


TagReportResult = Annotated[
    ReportTagged | InvalidInputError | NotFoundError | TemporarilyUnavailableError,
    strawberry.union("TagReportResult"),
]


@errors_as_data
async def tag_report(info: Info, input: TagReportInput) -> TagReportResult:
    viewer = require_viewer(info)
    problems = InputErrors()
    report_id = parse_uuid(problems, "reportId", input.report_id)
    check_norms(problems, input.norms)
    problems.raise_if_any()
    report = await Report.get_or_none(id=report_id)
    if report is None:
        raise NotFound.of(N_("Dit signaal"))
    set_tags(report, input.level, input.elements, input.norms)
    await report.save(
        update_fields=["bottleneck_level", "elements", "norms", "norms_version", "updated_at"]
    )
    await audit.record(
        viewer, "report.tagged", "report", report_id,
        details={"level": input.level, "elements": report.elements, "norms": report.norms},
    )  # fmt: skip
    return ReportTagged(report=ReportType.from_model(report))
