"""renameTheme (staff): a label people recognise. The worker never overwrites it."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain import audit
from domain.errors import InputErrors, NotFound
from models import Theme
from resolvers.access import require_viewer
from resolvers.errors import errors_as_data
from resolvers.theme_changes import announce
from resolvers.validation import check_free_text, parse_uuid
from schema.context import Info
from schema.errors import InvalidInputError, NotFoundError, TemporarilyUnavailableError
from schema.policy import STAFF, policy
from schema.themes.types import ThemeType
from vocabulary.translations import N_


@strawberry.input
class RenameThemeInput:
    theme_id: strawberry.ID
    label: str


@policy(STAFF)
@strawberry.type
class ThemeRenamed:
    theme: ThemeType


RenameThemeResult = Annotated[
    ThemeRenamed | InvalidInputError | NotFoundError | TemporarilyUnavailableError,
    strawberry.union("RenameThemeResult"),
]


@errors_as_data
async def rename_theme(info: Info, input: RenameThemeInput) -> RenameThemeResult:
    viewer = require_viewer(info)
    problems = InputErrors()
    theme_id = parse_uuid(problems, "themeId", input.theme_id)
    label = check_free_text(
        problems, "label", input.label, minimum=3, maximum=200, label=N_("de naam")
    )
    problems.raise_if_any()
    theme = await Theme.get_or_none(id=theme_id)
    if theme is None:
        raise NotFound.of(N_("Dit thema"))
    previous = theme.label
    theme.label, theme.label_locked, theme.version = label, True, theme.version + 1
    await theme.save()
    await audit.record(
        viewer, "theme.renamed", "theme", theme_id, details={"from": previous, "to": label}
    )
    await announce(info, [theme.id], "RENAMED")
    return ThemeRenamed(theme=ThemeType.from_model(theme))
