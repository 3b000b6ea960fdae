"""mergeThemes (staff): two themes are one mechanism. The worker never revives the source."""

from __future__ import annotations

from typing import Annotated

import strawberry
from tortoise.transactions import in_transaction

from domain import audit, workflow
from domain.engine.centroids import merged
from domain.errors import InputErrors, NotFound
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
from schema.themes.types import ThemeType
from vocabulary import ErrorCode, ThemeStatus
from vocabulary.translations import N_


@strawberry.input
class MergeThemesInput:
    theme_id: strawberry.ID = strawberry.field(description="Dit thema gaat op in...")
    into_theme_id: strawberry.ID = strawberry.field(description="...dit thema.")


@policy(STAFF)
@strawberry.type
class ThemesMerged:
    theme: ThemeType


MergeThemesResult = Annotated[
    ThemesMerged
    | InvalidInputError
    | NotFoundError
    | InvalidStateError
    | TemporarilyUnavailableError,
    strawberry.union("MergeThemesResult"),
]


@errors_as_data
async def merge_themes(info: Info, input: MergeThemesInput) -> MergeThemesResult:
    viewer = require_viewer(info)
    problems = InputErrors()
    source_id = parse_uuid(problems, "themeId", input.theme_id)
    target_id = parse_uuid(problems, "intoThemeId", input.into_theme_id)
    if not problems and source_id == target_id:
        problems.add("intoThemeId", ErrorCode.INVALID_VALUE, "Kies twee verschillende thema's.")
    problems.raise_if_any()
    async with in_transaction() as conn:
        themes = {
            str(t.id): t
            for t in await Theme.filter(id__in=[source_id, target_id])
            .using_db(conn)
            .order_by("id")
            .select_for_update()
        }
        source, target = themes.get(source_id), themes.get(target_id)
        if source is None or target is None:
            raise NotFound.of(N_("Een van de thema's"))
        if source.status not in workflow.THEME_LIVE or target.status not in workflow.THEME_LIVE:
            raise workflow.InvalidState(
                "Alleen voorgestelde of bevestigde thema's kunt u samenvoegen."
            )
        workflow.check_theme(source.status, ThemeStatus.MERGED, workflow.STAFF)
        target.centroid = merged(
            source.centroid, max(source.case_count, 1), target.centroid, max(target.case_count, 1)
        )
        await target.save(using_db=conn)
        await Report.filter(theme_id=source.id).using_db(conn).update(theme_id=target.id)
        source.status, source.merged_into_id = ThemeStatus.MERGED, target.id
        source.version += 1
        await source.save(using_db=conn)
        await refresh_themes(conn, [target.id])
        await audit.record(
            viewer, "theme.merged", "theme", source_id, details={"into": target_id}, using_db=conn
        )
    await announce(info, [source_id], "MERGED")
    await announce(info, [target_id], "UPDATED")
    return ThemesMerged(theme=ThemeType.from_model(await Theme.get(id=target_id)))
