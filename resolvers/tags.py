"""Setting the bottleneck tags of a theme or a report: one place for how they are stored."""

from __future__ import annotations

from collections.abc import Iterable

from models import Report, Theme
from vocabulary import BottleneckLevel, PlayingFieldElement
from vocabulary.bottlenecks import BEHOORLIJKHEIDSWIJZER_VERSION


def set_tags(
    target: Theme | Report,
    level: BottleneckLevel | None,
    elements: Iterable[PlayingFieldElement],
    norms: Iterable[int],
) -> None:
    """Level (nullable: staff may clear it), elements and norms as sorted sets, the norms'
    version kept with them. The caller saves."""
    chosen = sorted(set(norms))
    target.update_from_dict({"bottleneck_level": level})
    target.elements = sorted({e.value for e in elements})
    target.norms = chosen
    target.norms_version = BEHOORLIJKHEIDSWIJZER_VERSION if chosen else None
