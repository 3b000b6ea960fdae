"""unmergeDuplicate (staff): this report is its own case after all. Later runs respect it."""

from __future__ import annotations

from typing import Annotated

import strawberry
from tortoise.transactions import in_transaction

from models import DuplicateGroup, Report, SeparatedPair
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
class UnmergeDuplicateInput:
    report_id: strawberry.ID


@strawberry.type
class DuplicateUnmerged:
    report: ReportType


UnmergeDuplicateResult = Annotated[
    DuplicateUnmerged | InvalidInput | NotFound | InvalidState,
    strawberry.union("UnmergeDuplicateResult"),
]


async def unmerge_duplicate(info: Info, input: UnmergeDuplicateInput) -> UnmergeDuplicateResult:
    errors = InputErrors()
    report_id = parse_uuid(errors, "reportId", input.report_id)
    if errors:
        return errors.result()
    report = await Report.get_or_none(id=report_id)
    if report is None:
        return not_found("Dit signaal")
    if report.duplicate_group_id is None:
        return invalid_state("Dit signaal is nog niet verwerkt.")

    async with in_transaction() as conn:
        group = await DuplicateGroup.get(id=report.duplicate_group_id).using_db(conn)
        others = (
            await Report.filter(duplicate_group_id=group.id)
            .exclude(id=report.id)
            .using_db(conn)
            .order_by("created_at")
        )
        if not others:
            return invalid_state("Dit signaal staat al op zichzelf.")
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
        viewer = info.context.viewer
        assert viewer is not None
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
