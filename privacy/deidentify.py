"""The Dutch de-identifier (`deduce`), loaded once per process from its cache.

Building deduce's lookup structures (tries of Dutch first names, surnames, streets, places
and institutions) takes minutes; `signaalpunt prepare` does it once at install time, and
every later process loads the cached structures (seconds, about 1 GB of memory: the worker
loads it, the API does not).
"""

from __future__ import annotations

import logging
import re
import threading
from functools import cache
from typing import Any

from privacy.masking import MaskResult, mask_personal_data, normalise
from privacy.masking.names import LEADING_SMALL_WORDS, plausible_person
from privacy.masking.spans import Span

_lock = threading.Lock()


@cache
def _deduce() -> Any:
    # deduce calls `logging.basicConfig(level=DEBUG)` when imported: every process importing
    # it would then log each SQL statement (with its parameters) and run far slower. The root
    # logger is put back as it was.
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    from deduce import Deduce

    root.setLevel(level)
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
    with _lock:
        return Deduce()


def prepare() -> None:
    """Build (or load) the lookup structures so that they are cached on disk."""
    _deduce()


def deduce_instance() -> Any:
    return _deduce()


_TITLE = re.compile(
    r"^(?:(?:de\s+)?(?:mevrouw|meneer|mevr\.?|mw\.?|dhr\.?|heer|hr\.?|mr\.?|dr\.?|drs\.?|ir\.?"
    r"|ing\.?|prof\.?|mrs\.?|ms\.?|miss|mister)\s+)+",
    re.IGNORECASE,
)
# A street and a house number; a postcode with its place is left to the rules, which know
# "2024 ZW" (a year and a law) from "2024 ZW Leiden".
_STREET_AND_NUMBER = re.compile(r"[^\W\d][\w'’.-]*(?:\s+[\w'’.-]+)*\s+\d{1,5}\w{0,3}$")
# deduce reads "de Belastingdienst 11.000 euro" as a street and house number 11: a number
# that goes on in groups of three is an amount, and masking it lost the case's figure.
_THOUSANDS_GO_ON = re.compile(r"[.,]\d{3}(?!\d)")


# deduce's processors whose findings are not used here (the rules find identifiers, phone
# numbers, e-mail, dates and ages; places and institutions are kept): not running them
# halves deduce's time per report.
_NOT_USED = frozenset(
    {
        "placename", "postal_code", "postbus", "institutions", "hospital", "institution",
        "dates", "date_dmy_1", "date_dmy_2", "date_ymd_1", "date_ymd_2", "ages", "age",
        "identifiers", "bsn", "identifier", "phone_numbers", "phone", "email_addresses",
        "email", "urls", "url", "redactor",
    }
)  # fmt: skip


def person_and_address_spans(text: str) -> list[Span]:
    """deduce's persons (as NAME) and street addresses (as ADDRESS) in `text`.

    Places, institutions, dates and ages deduce also finds are kept: a municipality, an
    agency or a date is what makes a report useful, and none of them points at a person
    on its own. A title in front of a name stays readable ("mevrouw [NAAM]").
    """
    spans = []
    for found in deduce_instance().deidentify(text, disabled=_NOT_USED).annotations:
        start, end = found.start_char, found.end_char
        if found.tag in ("persoon", "patient"):
            title = _TITLE.match(text, start, end)
            if title:
                start = title.end()
            lead = LEADING_SMALL_WORDS.match(text, start, end)
            if lead:
                start = lead.end()
            if end - start >= 2 and plausible_person(text, start, end):
                spans.append(Span(start, end, "NAME"))
        elif (
            found.tag == "locatie"
            and _STREET_AND_NUMBER.match(found.text)
            and not _THOUSANDS_GO_ON.match(text, end)
        ):
            spans.append(Span(start, end, "ADDRESS"))
    return spans


def mask_fully(text: str) -> MaskResult:
    """The API's rules and deduce together: what the worker makes derived text from."""
    source = normalise(text)
    return mask_personal_data(source, person_and_address_spans(source))


def deduce_alone(text: str) -> str:
    """deduce's own de-identification, for comparison in the privacy bench."""
    return deduce_instance().deidentify(normalise(text)).deidentified_text
