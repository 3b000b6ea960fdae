"""Find and mask personal data in free text.

Masking is applied at intake to every free-text field; every derived view (theme excerpts,
search, dossiers, subscription payloads, logs) reads the masked text. `mask_personal_data`
is the masker the API runs: the text normalised, then the detectors of `numbers` (e-mail,
IBAN, BSN, V-number, phone, postcode, birth date) and `names` (person names, street
addresses). The worker adds deduce's findings before anything derived is made
(`privacy.deidentify`).

The result also lists what identifies a person across reports (BSN, phone, e-mail, IBAN,
name) so that keyed hashes of them can serve as duplicate evidence; the values themselves
are kept nowhere but in the original text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from privacy.masking import names, numbers
from privacy.masking.spans import PLACEHOLDERS, Span, render, resolve
from privacy.masking.text import normalise

IDENTIFYING = frozenset({"BSN", "PHONE", "EMAIL", "IBAN", "NAME", "V_NUMBER"})
DETECTORS = (
    numbers.emails,
    numbers.ibans,
    numbers.bsns,
    numbers.v_numbers,
    numbers.phones,
    numbers.postcodes,
    numbers.birth_dates,
    names.addresses,
    names.names,
)


@dataclass
class MaskResult:
    text: str
    spans: list[Span] = field(default_factory=list)
    source: str = ""  # the normalised text the spans point into

    @property
    def found(self) -> Counter[str]:
        return Counter(span.kind for span in self.spans)

    @property
    def has_personal_data(self) -> bool:
        return bool(self.spans)

    def identifiers(self) -> set[tuple[str, str]]:
        """(kind, normalised value) of what identifies a person: input for keyed hashes."""
        out = set()
        for span in self.spans:
            if span.kind not in IDENTIFYING:
                continue
            value = span.value or " ".join(self.source[span.start : span.end].lower().split())
            out.add((span.kind, value))
        return out


def detect(text: str) -> list[Span]:
    found = [span for detector in DETECTORS for span in detector(text)]
    persons = [s for s in found if s.kind == "NAME"]
    return [*found, *numbers.dates_after(text, persons), *names.coordinated(text, persons)]


def mask_personal_data(text: str, extra: Iterable[Span] = ()) -> MaskResult:
    """The text with personal data masked; `extra` spans (of the normalised text) join in."""
    source = normalise(text)
    extra = list(extra)
    spans = resolve(
        [
            *detect(source),
            *extra,
            *numbers.dates_after(source, [s for s in extra if s.kind == "NAME"]),
        ]
    )
    return MaskResult(render(source, spans), spans, source)


def mask(text: str) -> str:
    return mask_personal_data(text).text


__all__ = ["PLACEHOLDERS", "MaskResult", "Span", "mask", "mask_personal_data", "normalise"]
