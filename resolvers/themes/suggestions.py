"""tagSuggestions (staff): what the engine suggests to tag a theme with, and why."""

from __future__ import annotations

import uuid

import strawberry

from domain.tag_suggestions import suggestions_for
from models import Theme
from schema.context import Info
from schema.themes.suggestions import TagKind, TagSuggestion


async def tag_suggestions(info: Info, theme_id: strawberry.ID) -> list[TagSuggestion]:
    try:
        theme = await Theme.get_or_none(id=uuid.UUID(str(theme_id)))
    except ValueError:
        theme = None
    if theme is None:
        return []
    return [
        TagSuggestion(kind=TagKind(s.kind), value=s.value, reason=s.reason)
        for s in await suggestions_for(theme)
    ]
