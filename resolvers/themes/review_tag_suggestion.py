"""reviewTagSuggestion (staff): take over an engine suggestion as a tag, or reject it so it
is not suggested again. A suggestion never overwrites a staff choice: a level is only taken
over while the theme has none."""

from __future__ import annotations

from typing import Annotated

import strawberry
from tortoise.transactions import in_transaction

from domain import audit
from domain.errors import InputErrors, InvalidState, NotFound
from models import Theme
from resolvers.access import require_viewer
from resolvers.errors import errors_as_data
from resolvers.theme_changes import announce
from resolvers.validation import parse_uuid
from schema.context import Info
from schema.errors import (
    InvalidInputError,
    InvalidStateError,
    NotFoundError,
    TemporarilyUnavailableError,
)
from schema.policy import STAFF, policy
from schema.themes.suggestions import TagKind
from schema.themes.types import ThemeType
from vocabulary import BottleneckLevel, ErrorCode, PlayingFieldElement
from vocabulary.bottlenecks import BEHOORLIJKHEIDSWIJZER_VERSION, NORMS
from vocabulary.translations import N_


@strawberry.input
class ReviewTagSuggestionInput:
    theme_id: strawberry.ID
    kind: TagKind
    value: str
    accept: bool = strawberry.field(description="Waar: overnemen; onwaar: afwijzen.")


@policy(STAFF)
@strawberry.type
class TagSuggestionReviewed:
    theme: ThemeType


ReviewTagSuggestionResult = Annotated[
    TagSuggestionReviewed
    | InvalidInputError
    | InvalidStateError
    | NotFoundError
    | TemporarilyUnavailableError,
    strawberry.union("ReviewTagSuggestionResult"),
]

_VALID = {
    TagKind.LEVEL: {level.value for level in BottleneckLevel},
    TagKind.ELEMENT: {element.value for element in PlayingFieldElement},
    TagKind.NORM: {str(n) for n in NORMS},
}


@errors_as_data
async def review_tag_suggestion(
    info: Info, input: ReviewTagSuggestionInput
) -> ReviewTagSuggestionResult:
    viewer = require_viewer(info)
    problems = InputErrors()
    theme_id = parse_uuid(problems, "themeId", input.theme_id)
    if input.value not in _VALID[input.kind]:
        problems.add("value", ErrorCode.INVALID_VALUE, "Dit label bestaat niet.")
    problems.raise_if_any()
    async with in_transaction() as conn:
        theme = await Theme.filter(id=theme_id).using_db(conn).select_for_update().first()
        if theme is None:
            raise NotFound.of(N_("Dit thema"))
        if input.accept:
            _take_over(theme, input.kind, input.value)
        else:
            rejected = [list(r) for r in theme.rejected_tag_suggestions or []]
            if [input.kind.value, input.value] not in rejected:
                rejected.append([input.kind.value, input.value])
            theme.rejected_tag_suggestions = rejected
        theme.version += 1
        await theme.save(using_db=conn)
        await audit.record(
            viewer, "theme.tag_suggestion_" + ("accepted" if input.accept else "rejected"),
            "theme", theme_id, details={"kind": input.kind.value, "value": input.value},
            using_db=conn,
        )  # fmt: skip
    await announce(info, [theme.id], "TAGGED")
    return TagSuggestionReviewed(theme=ThemeType.from_model(theme))


def _take_over(theme: Theme, kind: TagKind, value: str) -> None:
    if kind == TagKind.LEVEL:
        if theme.bottleneck_level is not None:
            raise InvalidState("Er is al een niveau gekozen; een voorstel verandert dat niet.")
        theme.bottleneck_level = BottleneckLevel(value)
    elif kind == TagKind.ELEMENT:
        theme.elements = sorted({*(theme.elements or []), value})
    else:
        theme.norms = sorted({*(int(n) for n in theme.norms or []), int(value)})
        theme.norms_version = BEHOORLIJKHEIDSWIJZER_VERSION
