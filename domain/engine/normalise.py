"""Normalise report text before comparison: Unicode, case, accents, whitespace, greetings.

The input is already masked, so two resubmissions that differ only in the BSN or phone
number they mention normalise to the same text.
"""

from __future__ import annotations

import re
import unicodedata

_MASK_TOKEN = re.compile(r"\[[A-Z-]+\]")
_GREETING = re.compile(
    r"^\s*(beste|geachte|hallo|hoi|dag|goedemorgen|goedemiddag|goedenavond|l\.s\.|"
    r"aan wie het aangaat)\b[^.,!?\n]{0,40}[,!.:\n]",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"(met vriendelijke groet(en)?|vriendelijke groet(en)?|groetjes|groeten|mvg|"
    r"hartelijke groet(en)?|alvast bedankt)\b.*$",
    re.IGNORECASE | re.DOTALL,
)
_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Accents, case, punctuation and spacing as the engine compares words."""
    text = strip_accents(unicodedata.normalize("NFKC", text)).casefold()
    return _SPACE.sub(" ", _NON_WORD.sub(" ", text)).strip()


def normalise(masked_text: str) -> str:
    text = unicodedata.normalize("NFKC", masked_text)
    text = _GREETING.sub(" ", text, count=1)
    text = _SIGN_OFF.sub(" ", text)
    text = _MASK_TOKEN.sub(" ", text)
    return fold(text)
