"""Found personal data as spans of a text, and the text with them masked.

Detectors may overlap (a postcode inside an address, a number inside an IBAN); the longer
span wins, then the kind that comes first in `KINDS`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

KINDS = (
    "EMAIL",
    "IBAN",
    "BSN",
    "V_NUMBER",
    "PHONE",
    "POSTCODE",
    "ADDRESS",
    "BIRTH_DATE",
    "NAME",
)
PLACEHOLDERS = {
    "EMAIL": "[E-MAILADRES]",
    "IBAN": "[IBAN]",
    "BSN": "[BSN]",
    "V_NUMBER": "[V-NUMMER]",
    "PHONE": "[TELEFOONNUMMER]",
    "POSTCODE": "[POSTCODE]",
    "ADDRESS": "[ADRES]",
    "BIRTH_DATE": "[GEBOORTEDATUM]",
    "NAME": "[NAAM]",
}
_RANK = {kind: n for n, kind in enumerate(KINDS)}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    # What the keyed identifier hash is made of (digits of a BSN, the e-mail address), if
    # this kind identifies a person across reports; never stored as such.
    value: str | None = None


def resolve(spans: Iterable[Span]) -> list[Span]:
    """Non-overlapping spans in text order: longest first, then by kind."""
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), _RANK[s.kind], s.start)):
        if span.end <= span.start:
            continue
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def render(text: str, spans: Sequence[Span]) -> str:
    out, cursor = [], 0
    for span in spans:
        out.append(text[cursor : span.start])
        out.append(PLACEHOLDERS[span.kind])
        cursor = span.end
    out.append(text[cursor:])
    return "".join(out)
