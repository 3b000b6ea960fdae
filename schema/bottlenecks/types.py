"""The reading of a bottleneck on a theme, and the reference data it is read with."""

from __future__ import annotations

import strawberry

from schema.enums import BottleneckLevel, PlayingFieldElement
from schema.policy import STAFF, policy
from vocabulary.bottlenecks import (
    BEHOORLIJKHEIDSWIJZER,
    BEHOORLIJKHEIDSWIJZER_VERSION,
    LEVEL_LABELS_NL,
    NORMS,
)


@policy(STAFF)
@strawberry.type(description="Een norm uit de Behoorlijkheidswijzer van de Nationale ombudsman.")
class Norm:
    number: int
    value: str = strawberry.field(description="De waarde (A–D) waar de norm onder valt.")
    label: str

    @classmethod
    def of(cls, number: int) -> Norm:
        value, label = NORMS[number]
        return cls(number=number, value=value, label=label)


@policy(STAFF)
@strawberry.type(description="Een waarde van de Behoorlijkheidswijzer met haar normen.")
class NormValue:
    code: str
    label: str
    norms: list[Norm]


@policy(STAFF)
@strawberry.type(description="Een niveau uit de Stand van de Uitvoering (VNG).")
class LevelLabel:
    level: BottleneckLevel
    label: str


@policy(STAFF)
@strawberry.type(description="Het kader waarmee knelpunten gelezen worden (versie erbij).")
class BottleneckFramework:
    behoorlijkheidswijzer_version: str
    values: list[NormValue]
    levels: list[LevelLabel]
    elements: list[PlayingFieldElement]


def framework() -> BottleneckFramework:
    return BottleneckFramework(
        behoorlijkheidswijzer_version=BEHOORLIJKHEIDSWIJZER_VERSION,
        values=[
            NormValue(code=code, label=label, norms=[Norm.of(n) for n in sorted(norms)])
            for code, (label, norms) in BEHOORLIJKHEIDSWIJZER.items()
        ],
        levels=[LevelLabel(level=level, label=text) for level, text in LEVEL_LABELS_NL.items()],
        elements=list(PlayingFieldElement),
    )
