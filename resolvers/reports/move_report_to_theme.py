"""moveReportToTheme (staff): the report's case belongs to another theme. The worker keeps it there."""

from __future__ import annotations

from typing import Annotated

import strawberry
from tortoise.transactions import in_transaction

from domain import audit, workflow
from domain.errors import InputErrors, InvalidState, NotFound
from domain.service_levels import mark_triaged
from models import Report, Theme
from resolvers.access import require_viewer
from resolvers.errors import errors_as_data
from resolvers.theme_changes import announce, refresh_themes
from resolvers.validation import parse_uuid
from schema.context import Info
from schema.errors import (
    InvalidInputError,
    InvalidStateError,
    NotFoundError,
    TemporarilyUnavailableError,
)
from schema.policy import STAFF, policy
from schema.reports.types import ReportType
from vocabulary import ReportStatus
from vocabulary.translations import N_


@strawberry.input
class MoveReportToThemeInput:
    report_id: strawberry.ID
    theme_id: strawberry.ID


@policy(STAFF)
@strawberry.type
class ReportMoved:
    report: ReportType


MoveReportToThemeResult = Annotated[
    ReportMoved
    | InvalidInputError
    | NotFoundError
    | InvalidStateError
    | TemporarilyUnavailableError,
    strawberry.union("MoveReportToThemeResult"),
]


@errors_as_data
async def move_report_to_theme(
    info: Info, input: MoveReportToThemeInput
) -> MoveReportToThemeResult:
    viewer = require_viewer(info)
    problems = InputErrors()
    report_id = parse_uuid(problems, "reportId", input.report_id)
    theme_id = parse_uuid(problems, "themeId", input.theme_id)
    problems.raise_if_any()
    report = await Report.get_or_none(id=report_id)
    if report is None:
        raise NotFound.of(N_("Dit signaal"))
    theme = await Theme.get_or_none(id=theme_id)
    if theme is None:
        raise NotFound.of(N_("Dit thema"))
    if theme.status not in workflow.THEME_LIVE:
        raise InvalidState("Dit thema is samengevoegd of gearchiveerd; kies een ander thema.")

    async with in_transaction() as conn:
        case = (
            Report.filter(duplicate_group_id=report.duplicate_group_id)
            if report.duplicate_group_id
            else Report.filter(id=report.id)
        )
        members = await case.using_db(conn)
        member_ids = [m.id for m in members]
        touched = {m.theme_id for m in members} | {theme.id}
        await (
            Report.filter(id__in=member_ids)
            .using_db(conn)
            .update(theme_id=theme.id, theme_locked=True)
        )
        # Linked to a theme: the status follows where the workflow lets it.
        linked = ReportStatus.LINKED_TO_THEME
        await (
            Report.filter(
                id__in=member_ids,
                status__in=workflow.report_sources(linked, workflow.Actor.SYSTEM),
            )
            .using_db(conn)
            .update(status=linked)
        )
        await mark_triaged(member_ids, conn)
        await refresh_themes(conn, touched)
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
