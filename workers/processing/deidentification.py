"""The worker's masking pass: the API masked a report with its rules at intake; before the
worker makes anything derived of it (features, themes, excerpts, dossiers), the original is
masked again with deduce's findings added (`privacy.deidentify`), and the identifiers found
become keyed hashes.

`SIGNAALPUNT_DEIDENTIFIER=rules` leaves deduce out (its lookup structures cost about 1 GB
and 20 s per process start); the test suite's flows use that, its privacy tests do not.
"""

from __future__ import annotations

from dataclasses import dataclass

from privacy.identifiers import keyed_digests
from privacy.masking import mask_personal_data


@dataclass(frozen=True)
class Deidentified:
    masked_text: str
    identifiers: list[tuple[str, bytes]]


def load(deidentifier: str) -> None:
    """Load deduce before the first batch (at worker start), if it is used."""
    if deidentifier == "deduce":
        from privacy.deidentify import prepare

        prepare()


def deidentify(texts: list[str], deidentifier: str, key: str) -> list[Deidentified]:
    if deidentifier == "deduce":
        from privacy.deidentify import mask_fully as masker
    else:
        masker = mask_personal_data
    out = []
    for text in texts:
        found = masker(text)
        out.append(Deidentified(found.text, keyed_digests(found, key)))
    return out
