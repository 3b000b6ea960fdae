"""Why the engine linked a report: to its case (the duplicate group) and to its theme."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import strawberry

from schema.policy import STAFF, policy


@strawberry.enum(description="Hoe het signaal bij zijn zaak kwam.")
class LinkKind(StrEnum):
    RESUBMISSION = "RESUBMISSION"  # bijna dezelfde tekst opnieuw ingestuurd
    IDENTIFIER = "IDENTIFIER"  # hetzelfde BSN, telefoonnummer, e-mailadres, IBAN of naam
    RETELLING = "RETELLING"  # dezelfde feiten, in andere woorden of door een ander verteld


@strawberry.enum(description="Hoe het signaal bij zijn thema kwam.")
class ThemeLinkKind(StrEnum):
    CASE = "CASE"  # het volgde zijn zaak
    NEAREST_THEME = "NEAREST_THEME"  # het leek genoeg op een bestaand thema
    DISCOVERED = "DISCOVERED"  # het thema werd met dit signaal ontdekt
    RECLUSTERED = "RECLUSTERED"  # bij het opnieuw indelen van alle zaken
    STAFF = "STAFF"  # een medewerker plaatste het in dit thema


@policy(STAFF)
@strawberry.type(description="Waarom dit signaal bij een eerder signaal hoort (dezelfde zaak).")
class LinkEvidence:
    compared_with: strawberry.ID = strawberry.field(
        description="Het signaal waarmee het overeenkwam."
    )
    kind: LinkKind
    strength: float = strawberry.field(description="Zekerheid, 0 tot 1.")
    shared_details: list[str] = strawberry.field(
        description="Gedeelde feiten: bedragen, leeftijden, data, plaatsen."
    )
    shared_terms: list[str] = strawberry.field(description="Gedeelde zeldzame woorden (stammen).")
    shared_identifiers: int = strawberry.field(
        description="Aantal gedeelde persoonsgegevens (als sleutel, nooit de waarde)."
    )

    @classmethod
    def of(cls, raw: dict[str, Any] | None) -> LinkEvidence | None:
        if not raw:
            return None
        return cls(
            compared_with=strawberry.ID(str(raw.get("with", ""))),
            kind=LinkKind(raw.get("by", "RETELLING")),
            strength=float(raw.get("strength", 0.0)),
            shared_details=[str(d) for d in raw.get("details", [])],
            shared_terms=[str(t) for t in raw.get("terms", [])],
            shared_identifiers=int(raw.get("identifiers", 0)),
        )


@policy(STAFF)
@strawberry.type(description="Waarom dit signaal bij zijn thema hoort.")
class ThemeLinkEvidence:
    kind: ThemeLinkKind
    similarity: float | None = strawberry.field(description="Gelijkenis met het thema, 0 tot 1.")
    via_report: strawberry.ID | None = strawberry.field(
        description="Bij CASE: het signaal van dezelfde zaak dat al in het thema zat."
    )
    shared_terms: list[str] = strawberry.field(
        description="Kenmerkende woorden van het thema in dit signaal."
    )

    @classmethod
    def of(cls, raw: dict[str, Any] | None) -> ThemeLinkEvidence | None:
        if not raw:
            return None
        via = raw.get("with")
        similarity = raw.get("similarity")
        return cls(
            kind=ThemeLinkKind(raw.get("by", "NEAREST_THEME")),
            similarity=float(similarity) if similarity is not None else None,
            via_report=strawberry.ID(str(via)) if via else None,
            shared_terms=[str(t) for t in raw.get("terms", [])],
        )
