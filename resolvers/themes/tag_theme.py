"""tagTheme (staff): how the field reads this bottleneck — level and elements (VNG Stand van
de Uitvoering) and the norms at stake (Behoorlijkheidswijzer), with the norms' version."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain import audit
from domain.errors import InputErrors, NotFound
from models import Theme
from resolvers.access import require_viewer
from resolvers.errors import errors_as_data
from resolvers.tags import set_tags
from resolvers.theme_changes import announce
from resolvers.validation import check_norms, parse_uuid
from schema.context import Info
from schema.enums import BottleneckLevel, PlayingFieldElement
from schema.errors import InvalidInputError, NotFoundError, TemporarilyUnavailableError
from schema.policy import STAFF, policy
from schema.themes.types import ThemeType
from vocabulary.translations import N_


@strawberry.input
class TagThemeInput:
    theme_id: strawberry.ID
    level: BottleneckLevel | None = None
    elements: list[PlayingFieldElement] = strawberry.field(default_factory=list)
    norms: list[int] = strawberry.field(
        default_factory=list, description="Nummers van normen uit de Behoorlijkheidswijzer (1–22)."
    )


@policy(STAFF)
@strawberry.type
class ThemeTagged:
    theme: ThemeType


TagThemeResult = Annotated[
    ThemeTagged | InvalidInputError | NotFoundError | TemporarilyUnavailableError,
    strawberry.union("TagThemeResult"),
]


@errors_as_data
async def tag_theme(info: Info, input: TagThemeInput) -> TagThemeResult:
    viewer = require_viewer(info)
    problems = InputErrors()
    theme_id = parse_uuid(problems, "themeId", input.theme_id)
    check_norms(problems, input.norms)
    problems.raise_if_any()
    theme = await Theme.get_or_none(id=theme_id)
    if theme is None:
        raise NotFound.of(N_("Dit thema"))
    before = {"level": theme.bottleneck_level, "elements": theme.elements, "norms": theme.norms}
    set_tags(theme, input.level, input.elements, input.norms)
    theme.version += 1
    await theme.save()
    await audit.record(
        viewer, "theme.tagged", "theme", theme_id,
        details={"before": before, "after": {"level": input.level, "elements": theme.elements,
                                              "norms": theme.norms}},
    )  # fmt: skip
    await announce(info, [theme.id], "TAGGED")
    return ThemeTagged(theme=ThemeType.from_model(theme))
