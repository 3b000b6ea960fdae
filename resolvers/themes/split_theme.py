"""splitTheme (staff): some cases of a theme are another mechanism; they get a theme of their own.

The moved cases are locked to the new theme, so later worker runs keep the split.
"""

from __future__ import annotations

import asyncio
from typing import Annotated

import strawberry
from tortoise.transactions import in_transaction

from domain.taxonomy import ThemeStatus
from models import Report, Theme
from resolvers import audit
from resolvers.theme_changes import announce, refresh_themes
from resolvers.validation import check_text, parse_uuid
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
from workers.engine.features import mean_row, to_sparse_dict, vectorise
from workers.engine.normalise import normalise

MAX_SPLIT = 500


@strawberry.input
class SplitThemeInput:
    theme_id: strawberry.ID
    report_ids: list[strawberry.ID] = strawberry.field(
        description="Signalen (met hun dubbelen) die naar het nieuwe thema gaan."
    )
    label: str


@strawberry.type
class ThemeSplit:
    theme: ThemeType = strawberry.field(description="Het oorspronkelijke thema.")
    new_theme: ThemeType


SplitThemeResult = Annotated[
    ThemeSplit | InvalidInput | NotFound | InvalidState, strawberry.union("SplitThemeResult")
]


def _centroid(texts: list[str]) -> dict[str, float]:
    return to_sparse_dict(mean_row(vectorise([normalise(t) for t in texts]))) if texts else {}


async def split_theme(info: Info, input: SplitThemeInput) -> SplitThemeResult:
    errors = InputErrors()
    theme_id = parse_uuid(errors, "themeId", input.theme_id)
    label = check_text(errors, "label", input.label, minimum=3, maximum=200, label="de naam")
    if not input.report_ids:
        errors.add("reportIds", ErrorCode.REQUIRED, "Kies minstens één signaal.")
    elif len(input.report_ids) > MAX_SPLIT:
        errors.add("reportIds", ErrorCode.TOO_LONG, f"Kies hoogstens {MAX_SPLIT} signalen.")
    report_ids = [parse_uuid(errors, "reportIds", r) for r in input.report_ids]
    if errors:
        return errors.result()
    async with in_transaction() as conn:
        theme = await Theme.filter(id=theme_id).using_db(conn).select_for_update().first()
        if theme is None:
            return not_found("Dit thema")
        if theme.status not in {ThemeStatus.PROPOSED, ThemeStatus.CONFIRMED}:
            return invalid_state("Dit thema is samengevoegd of gearchiveerd.")
        chosen = await Report.filter(id__in=report_ids, theme_id=theme.id).using_db(conn)
        if len(chosen) != len(set(report_ids)):
            return not_found("Een of meer signalen in dit thema")
        groups = {r.duplicate_group_id for r in chosen if r.duplicate_group_id}
        moving = (
            await Report.filter(theme_id=theme.id)
            .using_db(conn)
            .filter(duplicate_group_id__in=list(groups))
            if groups
            else []
        )
        moving_ids = {r.id for r in moving} | {r.id for r in chosen}
        staying = (
            await Report.filter(theme_id=theme.id).exclude(id__in=list(moving_ids)).using_db(conn)
        )
        if not staying:
            return invalid_state("Laat minstens één signaal in het oorspronkelijke thema.")
        texts_new = [
            r.masked_text for r in await Report.filter(id__in=list(moving_ids)).using_db(conn)
        ]
        texts_old = [r.masked_text for r in staying]
        centroid_new, centroid_old = await asyncio.gather(
            asyncio.to_thread(_centroid, texts_new), asyncio.to_thread(_centroid, texts_old)
        )
        new_theme = await Theme.create(
            label=label,
            label_locked=True,
            status=ThemeStatus.CONFIRMED,
            centroid=centroid_new,
            solution_level=theme.solution_level,
            using_db=conn,
        )
        await (
            Report.filter(id__in=list(moving_ids))
            .using_db(conn)
            .update(theme_id=new_theme.id, theme_locked=True)
        )
        theme.centroid = centroid_old
        await theme.save(using_db=conn)
        await refresh_themes(conn, [theme.id, new_theme.id])
        viewer = info.context.viewer
        assert viewer is not None
        await audit.record(
            viewer,
            "theme.split",
            "theme",
            theme_id,
            details={"new_theme": str(new_theme.id), "moved": [str(i) for i in moving_ids]},
            using_db=conn,
        )
    await announce(info, [theme_id], "UPDATED")
    await announce(info, [new_theme.id], "CREATED")
    return ThemeSplit(
        theme=ThemeType.from_model(await Theme.get(id=theme_id)),
        new_theme=ThemeType.from_model(await Theme.get(id=new_theme.id)),
    )
