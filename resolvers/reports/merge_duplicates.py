"""mergeDuplicates (staff): these reports are one case. Later worker runs respect it."""

from __future__ import annotations

from typing import Annotated

import strawberry
from tortoise.expressions import Q
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
from vocabulary import ErrorCode
from vocabulary.translations import N_


@strawberry.input
class MergeDuplicatesInput:
    report_id: strawberry.ID = strawberry.field(description="Dit signaal (met zijn groep)...")
    into_report_id: strawberry.ID = strawberry.field(description="...gaat op in de groep van dit.")


@policy(STAFF)
@strawberry.type
class DuplicatesMerged:
    report: ReportType


MergeDuplicatesResult = Annotated[
    DuplicatesMerged
    | InvalidInputError
    | NotFoundError
    | InvalidStateError
    | TemporarilyUnavailableError,
    strawberry.union("MergeDuplicatesResult"),
]


@errors_as_data
async def merge_duplicates(info: Info, input: MergeDuplicatesInput) -> MergeDuplicatesResult:
    viewer = require_viewer(info)
    problems = InputErrors()
    source_id = parse_uuid(problems, "reportId", input.report_id)
    target_id = parse_uuid(problems, "intoReportId", input.into_report_id)
    if not problems and source_id == target_id:
        problems.add("intoReportId", ErrorCode.INVALID_VALUE, "Kies twee verschillende signalen.")
    problems.raise_if_any()
    source = await Report.get_or_none(id=source_id)
    target = await Report.get_or_none(id=target_id)
    if source is None or target is None:
        raise NotFound.of(N_("Een van de signalen"))
    if source.duplicate_group_id is None or target.duplicate_group_id is None:
        raise InvalidState("Wacht tot beide signalen verwerkt zijn.")
    if source.duplicate_group_id == target.duplicate_group_id:
        raise InvalidState("Deze signalen horen al bij dezelfde situatie.")

    async with in_transaction() as conn:
        moving = await Report.filter(duplicate_group_id=source.duplicate_group_id).using_db(conn)
        staying = await Report.filter(duplicate_group_id=target.duplicate_group_id).using_db(conn)
        moving_ids = [r.id for r in moving]
        staying_ids = [r.id for r in staying]
        touched_themes = {r.theme_id for r in moving} | {target.theme_id}
        await (
            SeparatedPair.filter(
                Q(report_a_id__in=moving_ids, report_b_id__in=staying_ids)
                | Q(report_a_id__in=staying_ids, report_b_id__in=moving_ids)
            )
            .using_db(conn)
            .delete()
        )
        update: dict[str, object] = {
            "duplicate_group_id": target.duplicate_group_id,
            "group_locked": True,
        }
        if target.theme_id is not None:
            update["theme_id"] = target.theme_id
        await Report.filter(id__in=moving_ids).using_db(conn).update(**update)
        await Report.filter(id__in=staying_ids).using_db(conn).update(group_locked=True)
        # The canonical report of a group is always its earliest report.
        earliest = min([*moving, *staying], key=lambda r: (r.created_at, str(r.id)))
        await (
            DuplicateGroup.filter(id=target.duplicate_group_id)
            .using_db(conn)
            .update(canonical_report_id=earliest.id)
        )
        await DuplicateGroup.filter(id=source.duplicate_group_id).using_db(conn).delete()
        await refresh_themes(conn, touched_themes)
        await audit.record(
            viewer,
            "report.duplicates_merged",
            "report",
            source_id,
            details={"into": target_id, "moved": [str(i) for i in moving_ids]},
            using_db=conn,
        )
    await announce(info, touched_themes, "UPDATED")
    return DuplicatesMerged(report=ReportType.from_model(await Report.get(id=source_id)))
