"""Keyed hashes of the identifiers in a report: duplicate evidence without the data.

HMAC-SHA256 under a server secret, of the kind and the normalised value (digits of a BSN,
E.164 of a phone number, the lower-cased e-mail address or IBAN, a full name of at least two
words). Without the key a hash cannot be tested against guessed values, and the key is never
exposed through the API.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable

from privacy.masking import MaskResult
from privacy.masking.lexicon import lexicon


def _normalised(kind: str, value: str) -> str | None:
    value = " ".join(value.lower().split())
    if kind == "NAME":
        words = value.split()
        if len(words) < 2:
            return None  # a first name alone is shared by thousands
        known = lexicon()
        if any(w in known.places for w in words if w not in known.interfixes):
            return None  # "mevr. Den Haag": a place read as a name, shared by a whole city
    return value


def keyed_digests(found: MaskResult, key: str) -> list[tuple[str, bytes]]:
    """(kind, digest) for every identifier the masker found, each once."""
    return digests_of(found.identifiers(), key)


def digests_of(identifiers: Iterable[tuple[str, str]], key: str) -> list[tuple[str, bytes]]:
    secret = key.encode()
    out = set()
    for kind, value in identifiers:
        normal = _normalised(kind, value)
        if normal:
            digest = hmac.new(secret, f"{kind}:{normal}".encode(), hashlib.sha256).digest()
            out.add((kind, digest))
    return sorted(out)
