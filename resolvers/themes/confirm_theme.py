"""confirmTheme (staff): a proposed theme is real; optionally say where the solution lies."""

from __future__ import annotations

from typing import Annotated

import strawberry
from tortoise.transactions import in_transaction

from domain.taxonomy import ThemeStatus
from domain.theme_aggregates import refresh_aggregates
from models import Theme
from resolvers import audit
from resolvers.theme_changes import announce
from resolvers.validation import parse_uuid
from schema.context import Info
from schema.enums import SolutionLevel
from schema.errors import (
    InputErrors,
    InvalidInput,
    InvalidState,
    NotFound,
    invalid_state,
    not_found,
)
from schema.themes.types import ThemeType


@strawberry.input
class ConfirmThemeInput:
    theme_id: strawberry.ID
    solution_level: SolutionLevel | None = None


@strawberry.type
class ThemeConfirmed:
    theme: ThemeType


ConfirmThemeResult = Annotated[
    ThemeConfirmed | InvalidInput | NotFound | InvalidState, strawberry.union("ConfirmThemeResult")
]


async def confirm_theme(info: Info, input: ConfirmThemeInput) -> ConfirmThemeResult:
    errors = InputErrors()
    theme_id = parse_uuid(errors, "themeId", input.theme_id)
    if errors:
        return errors.result()
    async with in_transaction() as conn:
        theme = await Theme.filter(id=theme_id).using_db(conn).select_for_update().first()
        if theme is None:
            return not_found("Dit thema")
        if theme.status in {ThemeStatus.MERGED, ThemeStatus.ARCHIVED}:
            return invalid_state("Een samengevoegd of gearchiveerd thema kunt u niet bevestigen.")
        theme.status = ThemeStatus.CONFIRMED
        if input.solution_level is not None:
            theme.solution_level = input.solution_level
        await refresh_aggregates(theme, conn)
        await theme.save(using_db=conn)
        viewer = info.context.viewer
        assert viewer is not None
        await audit.record(
            viewer,
            "theme.confirmed",
            "theme",
            theme_id,
            details={
                "solution_level": input.solution_level.value if input.solution_level else None
            },
            using_db=conn,
        )
    await announce(info, [theme.id], "CONFIRMED")
    return ThemeConfirmed(theme=ThemeType.from_model(theme))
