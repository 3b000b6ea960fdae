"""renameTheme (staff): a label people recognise. The worker never overwrites it."""

from __future__ import annotations

from typing import Annotated

import strawberry

from models import Theme
from resolvers import audit
from resolvers.theme_changes import announce
from resolvers.validation import check_text, parse_uuid
from schema.context import Info
from schema.errors import InputErrors, InvalidInput, NotFound, not_found
from schema.themes.types import ThemeType


@strawberry.input
class RenameThemeInput:
    theme_id: strawberry.ID
    label: str


@strawberry.type
class ThemeRenamed:
    theme: ThemeType


RenameThemeResult = Annotated[
    ThemeRenamed | InvalidInput | NotFound, strawberry.union("RenameThemeResult")
]


async def rename_theme(info: Info, input: RenameThemeInput) -> RenameThemeResult:
    errors = InputErrors()
    theme_id = parse_uuid(errors, "themeId", input.theme_id)
    label = check_text(errors, "label", input.label, minimum=3, maximum=200, label="de naam")
    if errors:
        return errors.result()
    theme = await Theme.get_or_none(id=theme_id)
    if theme is None:
        return not_found("Dit thema")
    previous = theme.label
    theme.label, theme.label_locked, theme.version = label, True, theme.version + 1
    await theme.save()
    viewer = info.context.viewer
    assert viewer is not None
    await audit.record(
        viewer, "theme.renamed", "theme", theme_id, details={"from": previous, "to": label}
    )
    await announce(info, [theme.id], "RENAMED")
    return ThemeRenamed(theme=ThemeType.from_model(theme))
