"""Text as the detectors read it: Unicode compatibility forms folded (full-width ＠ is @),
invisible characters gone (a zero-width space inside a BSN hides nothing), every dash a
hyphen and every odd space a space."""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_SPACES = re.compile(r"[^\S\n]")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    text = _DASHES.sub("-", text)
    return _SPACES.sub(" ", text)
