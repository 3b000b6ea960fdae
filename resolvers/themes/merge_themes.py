"""mergeThemes (staff): two themes are one mechanism. The worker never revives the source."""

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
    ErrorCode,
    InputErrors,
    InvalidInput,
    InvalidState,
    NotFound,
    invalid_state,
    not_found,
)
from schema.themes.types import ThemeType
from workers.engine.features import from_sparse_dict, to_sparse_dict

LIVE = {ThemeStatus.PROPOSED, ThemeStatus.CONFIRMED}


@strawberry.input
class MergeThemesInput:
    theme_id: strawberry.ID = strawberry.field(description="Dit thema gaat op in...")
    into_theme_id: strawberry.ID = strawberry.field(description="...dit thema.")


@strawberry.type
class ThemesMerged:
    theme: ThemeType


MergeThemesResult = Annotated[
    ThemesMerged | InvalidInput | NotFound | InvalidState, strawberry.union("MergeThemesResult")
]


async def merge_themes(info: Info, input: MergeThemesInput) -> MergeThemesResult:
    errors = InputErrors()
    source_id = parse_uuid(errors, "themeId", input.theme_id)
    target_id = parse_uuid(errors, "intoThemeId", input.into_theme_id)
    if not errors and source_id == target_id:
        errors.add("intoThemeId", ErrorCode.INVALID_VALUE, "Kies twee verschillende thema's.")
    if errors:
        return errors.result()
    async with in_transaction() as conn:
        themes = {
            str(t.id): t
            for t in await Theme.filter(id__in=[source_id, target_id])
            .using_db(conn)
            .select_for_update()
        }
        source, target = themes.get(source_id), themes.get(target_id)
        if source is None or target is None:
            return not_found("Een van de thema's")
        if source.status not in LIVE or target.status not in LIVE:
            return invalid_state("Alleen voorgestelde of bevestigde thema's kunt u samenvoegen.")
        weight_s, weight_t = max(source.case_count, 1), max(target.case_count, 1)
        target.centroid = to_sparse_dict(
            from_sparse_dict(source.centroid) * weight_s
            + from_sparse_dict(target.centroid) * weight_t
        )
        await target.save(using_db=conn)
        await Report.filter(theme_id=source.id).using_db(conn).update(theme_id=target.id)
        source.status, source.merged_into_id = ThemeStatus.MERGED, target.id
        source.version += 1
        await source.save(using_db=conn)
        await refresh_themes(conn, [target.id])
        viewer = info.context.viewer
        assert viewer is not None
        await audit.record(
            viewer, "theme.merged", "theme", source_id, details={"into": target_id}, using_db=conn
        )
    await announce(info, [source_id], "MERGED")
    await announce(info, [target_id], "UPDATED")
    return ThemesMerged(theme=ThemeType.from_model(await Theme.get(id=target_id)))
