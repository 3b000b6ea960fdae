"""unmergeDuplicate (staff): this report is its own case after all. Later runs respect it."""

from __future__ import annotations

from typing import Annotated

import strawberry
from tortoise.transactions import in_transaction

from domain import audit
from domain.errors import InputErrors, InvalidState, NotFound
from models import DuplicateGroup, Report, SeparatedPair
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
from vocabulary.translations import N_


@strawberry.input
class UnmergeDuplicateInput:
    report_id: strawberry.ID


@policy(STAFF)
@strawberry.type
class DuplicateUnmerged:
    report: ReportType


UnmergeDuplicateResult = Annotated[
    DuplicateUnmerged
    | InvalidInputError
    | NotFoundError
    | InvalidStateError
    | TemporarilyUnavailableError,
    strawberry.union("UnmergeDuplicateResult"),
]


@errors_as_data
async def unmerge_duplicate(info: Info, input: UnmergeDuplicateInput) -> UnmergeDuplicateResult:
    viewer = require_viewer(info)
    problems = InputErrors()
    report_id = parse_uuid(problems, "reportId", input.report_id)
    problems.raise_if_any()
    report = await Report.get_or_none(id=report_id)
    if report is None:
        raise NotFound.of(N_("Dit signaal"))
    if report.duplicate_group_id is None:
        raise InvalidState("Dit signaal is nog niet verwerkt.")

    async with in_transaction() as conn:
        group = await DuplicateGroup.filter(id=report.duplicate_group_id).using_db(conn).get()
        others = (
            await Report.filter(duplicate_group_id=group.id)
            .exclude(id=report.id)
            .using_db(conn)
            .order_by("created_at", "id")
        )
        if not others:
            raise InvalidState("Dit signaal staat al op zichzelf.")
        new_group = await DuplicateGroup.create(canonical_report_id=report.id, using_db=conn)
        await (
            Report.filter(id=report.id)
            .using_db(conn)
            .update(duplicate_group_id=new_group.id, group_locked=True)
        )
        await Report.filter(id__in=[o.id for o in others]).using_db(conn).update(group_locked=True)
        for other in others:
            await SeparatedPair.get_or_create(
                report_a_id=report.id, report_b_id=other.id, using_db=conn
            )
        if group.canonical_report_id == report.id:
            group.canonical_report_id = others[0].id
            await group.save(using_db=conn)
        await refresh_themes(conn, [report.theme_id])
        await audit.record(
            viewer,
            "report.duplicate_unmerged",
            "report",
            report_id,
            details={"from_group": str(group.id)},
            using_db=conn,
        )
    await announce(info, [report.theme_id], "UPDATED")
    return DuplicateUnmerged(report=ReportType.from_model(await Report.get(id=report_id)))
