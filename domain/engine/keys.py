"""Index keys beside the MinHash bands, so that a retelling becomes a candidate of its case:
one key per specific detail and per rare word within the report's municipality, and one per
identifier hash anywhere. They live in the same table and index as the band keys; a prefix
keeps the kinds apart.
"""

from __future__ import annotations

import hashlib
import math
import struct

from domain.engine.duplicates import CaseEvidence

RARE_WORD_KEYS = 4
RARE_WORD_MIN = 2.5


def _key(text: str) -> int:
    return struct.unpack(">q", hashlib.blake2b(text.encode(), digest_size=8).digest())[0]


def _leading_digit(value: float) -> str:
    """4100 and "ruim 4000" both fall in 4000: amounts rounded down to one digit."""
    magnitude = 10 ** int(math.log10(value)) if value >= 1 else 1
    return str(int(value // magnitude * magnitude))


def case_keys(evidence: CaseEvidence) -> list[int]:
    keys = [_key(f"id:{digest.hex()}") for digest in evidence.digests]
    place = evidence.municipality
    if not place:
        return keys
    for detail in evidence.details:
        if detail.kind == "amount" and float(detail.value) >= 100:
            keys.append(_key(f"amount:{place}:{_leading_digit(float(detail.value))}"))
        elif detail.kind == "age" and not detail.approximate and int(detail.value) >= 2:
            keys.append(_key(f"age:{place}:{detail.value}"))
        elif detail.kind == "date" and len(detail.value) == 5:
            keys.append(_key(f"date:{place}:{detail.value}"))
    rare = sorted(
        (w for w, weight in evidence.concepts.items() if weight >= RARE_WORD_MIN),
        key=lambda w: (-evidence.concepts[w], w),
    )[:RARE_WORD_KEYS]
    keys += [_key(f"word:{place}:{word}") for word in rare]
    return keys
