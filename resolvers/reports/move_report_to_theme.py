"""moveReportToTheme (staff): the report's case belongs to another theme. The worker keeps it there."""

from __future__ import annotations

from typing import Annotated

import strawberry
from tortoise.transactions import in_transaction

from domain.taxonomy import ThemeStatus
from models import Report, Theme
from resolvers import audit
from resolvers.theme_changes import announce, refresh_themes
from resolvers.validation import parse_uuid
from schema.context import Info
from schema.errors import (
    InputErrors,
    InvalidInput,
    InvalidState,
    NotFound,
    invalid_state,
    not_found,
)
from schema.reports.types import ReportType


@strawberry.input
class MoveReportToThemeInput:
    report_id: strawberry.ID
    theme_id: strawberry.ID


@strawberry.type
class ReportMoved:
    report: ReportType


MoveReportToThemeResult = Annotated[
    ReportMoved | InvalidInput | NotFound | InvalidState,
    strawberry.union("MoveReportToThemeResult"),
]


async def move_report_to_theme(
    info: Info, input: MoveReportToThemeInput
) -> MoveReportToThemeResult:
    errors = InputErrors()
    report_id = parse_uuid(errors, "reportId", input.report_id)
    theme_id = parse_uuid(errors, "themeId", input.theme_id)
    if errors:
        return errors.result()
    report = await Report.get_or_none(id=report_id)
    if report is None:
        return not_found("Dit signaal")
    theme = await Theme.get_or_none(id=theme_id)
    if theme is None:
        return not_found("Dit thema")
    if theme.status in {ThemeStatus.MERGED, ThemeStatus.ARCHIVED}:
        return invalid_state("Dit thema is samengevoegd of gearchiveerd; kies een ander thema.")

    async with in_transaction() as conn:
        case = (
            Report.filter(duplicate_group_id=report.duplicate_group_id)
            if report.duplicate_group_id
            else Report.filter(id=report.id)
        )
        members = await case.using_db(conn)
        touched = {m.theme_id for m in members} | {theme.id}
        await (
            Report.filter(id__in=[m.id for m in members])
            .using_db(conn)
            .update(theme_id=theme.id, theme_locked=True)
        )
        await refresh_themes(conn, touched)
        viewer = info.context.viewer
        assert viewer is not None
        await audit.record(
            viewer,
            "report.moved_to_theme",
            "report",
            report_id,
            details={"from": str(report.theme_id) if report.theme_id else None, "to": theme_id},
            using_db=conn,
        )
    await announce(info, touched, "UPDATED")
    return ReportMoved(report=ReportType.from_model(await Report.get(id=report_id)))
