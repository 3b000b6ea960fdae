"""confirmTheme (staff): a proposed theme is real; optionally say where the solution lies."""

from __future__ import annotations

from typing import Annotated

import strawberry
from tortoise.transactions import in_transaction

from domain import audit, workflow
from domain.errors import InputErrors, NotFound
from domain.theme_aggregates import refresh_aggregates
from models import Theme
from resolvers.access import require_viewer
from resolvers.errors import errors_as_data
from resolvers.theme_changes import announce
from resolvers.validation import parse_uuid
from schema.context import Info
from schema.enums import SolutionLevel
from schema.errors import (
    InvalidInputError,
    InvalidStateError,
    NotFoundError,
    TemporarilyUnavailableError,
)
from schema.policy import STAFF, policy
from schema.themes.types import ThemeType
from vocabulary import ThemeStatus
from vocabulary.translations import N_


@strawberry.input
class ConfirmThemeInput:
    theme_id: strawberry.ID
    solution_level: SolutionLevel | None = None


@policy(STAFF)
@strawberry.type
class ThemeConfirmed:
    theme: ThemeType


ConfirmThemeResult = Annotated[
    ThemeConfirmed
    | InvalidInputError
    | NotFoundError
    | InvalidStateError
    | TemporarilyUnavailableError,
    strawberry.union("ConfirmThemeResult"),
]


@errors_as_data
async def confirm_theme(info: Info, input: ConfirmThemeInput) -> ConfirmThemeResult:
    viewer = require_viewer(info)
    problems = InputErrors()
    theme_id = parse_uuid(problems, "themeId", input.theme_id)
    problems.raise_if_any()
    async with in_transaction() as conn:
        theme = await Theme.filter(id=theme_id).using_db(conn).select_for_update().first()
        if theme is None:
            raise NotFound.of(N_("Dit thema"))
        if theme.status not in workflow.THEME_LIVE:
            raise workflow.InvalidState(
                "Een samengevoegd of gearchiveerd thema kunt u niet bevestigen."
            )
        if theme.status != ThemeStatus.CONFIRMED:  # confirming again only sets the level
            workflow.check_theme(theme.status, ThemeStatus.CONFIRMED, workflow.STAFF)
        theme.status = ThemeStatus.CONFIRMED
        if input.solution_level is not None:
            theme.solution_level = input.solution_level
        await refresh_aggregates(theme, conn)
        await theme.save(using_db=conn)
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
