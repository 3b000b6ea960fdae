"""A tag the engine suggests for a theme, with the reason staff can check."""

from __future__ import annotations

from enum import StrEnum

import strawberry

from schema.policy import STAFF, policy


@strawberry.enum(description="Wat voor label: niveau, element (VNG) of norm (ombudsman).")
class TagKind(StrEnum):
    LEVEL = "LEVEL"
    ELEMENT = "ELEMENT"
    NORM = "NORM"


@policy(STAFF)
@strawberry.type(description="Een voorstel van de engine; een medewerker neemt het over of niet.")
class TagSuggestion:
    kind: TagKind
    value: str = strawberry.field(
        description="De code van het niveau of element, of het nummer van de norm."
    )
    reason: str = strawberry.field(
        description="Waarom: de woorden, of een bevestigd thema dat erop lijkt."
    )
