# The masker as it was before issue 9 (commit f66498a), kept as the baseline of bench.privacy.
"""Detect and mask personal data in free text.

Masking is applied once at intake; every derived view (theme excerpts, dossiers, subscription
payloads, logs) reads the masked text. Detection errs on the side of masking: a nine-digit
number that passes the BSN 11-check is masked even if it was meant as something else.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

MASKS = {
    "EMAIL": "[E-MAILADRES]",
    "IBAN": "[IBAN]",
    "BSN": "[BSN]",
    "PHONE": "[TELEFOONNUMMER]",
    "ADDRESS": "[ADRES]",
    "POSTCODE": "[POSTCODE]",
    "BIRTH_DATE": "[GEBOORTEDATUM]",
}

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b", re.IGNORECASE)
_BSN = re.compile(r"(?<![\w.,-])(\d{3}[ .]?\d{3}[ .]?\d{3}|\d{4}[ .]\d{2}[ .]\d{3})(?![\w,-]|\.\d)")
_PHONE = re.compile(r"(?<![\w+])(?:\+31|0031|0)[ -]?(?:\(0\)[ -]?)?[1-9](?:[ -]?\d){8}(?!\d)")
_POSTCODE_HOUSE = re.compile(
    r"\b[1-9]\d{3}[ ]?(?!SA|SD|SS)[A-Z]{2}\b[ ,]*(?:nr\.?\s*)?\d{1,5}(?:[ -]?[a-zA-Z]\b)?"
)
_POSTCODE = re.compile(r"\b[1-9]\d{3}[ ]?(?!SA|SD|SS)[A-Z]{2}\b")
_STREET_HOUSE = re.compile(
    r"\b[A-Z][a-zà-ÿ'-]*(?:straat|laan|weg|plein|gracht|singel|kade|dijk|hof|park|dreef|"
    r"steeg|pad|markt|ring|allee|baan)\s+\d{1,5}(?:[ -]?[a-zA-Z]\b)?"
)
_BIRTH_DATE = re.compile(
    r"(?i)\b(geboren\s+(?:op\s+)?|geboortedatum:?\s*)"
    r"(\d{1,2}[-/. ]\d{1,2}[-/. ]\d{2,4}|\d{1,2}\s+[a-z]+\s+\d{4})"
)


def bsn_is_valid(digits: str) -> bool:
    """The BSN 11-check (elfproef): 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is divisible by 11."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    total -= int(digits[8])
    return total % 11 == 0


def iban_is_valid(candidate: str) -> bool:
    compact = candidate.replace(" ", "").upper()
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    try:
        number = int("".join(str(int(ch, 36)) for ch in rearranged))
    except ValueError:
        return False
    return number % 97 == 1


@dataclass
class MaskResult:
    text: str
    found: Counter[str] = field(default_factory=Counter)

    @property
    def has_personal_data(self) -> bool:
        return bool(self.found)


def mask_personal_data(text: str) -> MaskResult:
    found: Counter[str] = Counter()

    def replace(kind: str):
        def _sub(match: re.Match[str]) -> str:
            found[kind] += 1
            return MASKS[kind]

        return _sub

    def iban(match: re.Match[str]) -> str:
        value = match.group(0)
        if value[:2].upper() == "NL" or iban_is_valid(value):
            found["IBAN"] += 1
            return MASKS["IBAN"]
        return value

    def bsn(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        if bsn_is_valid(digits):
            found["BSN"] += 1
            return MASKS["BSN"]
        return match.group(0)

    def birth(match: re.Match[str]) -> str:
        found["BIRTH_DATE"] += 1
        return match.group(1) + MASKS["BIRTH_DATE"]

    out = _EMAIL.sub(replace("EMAIL"), text)
    out = _IBAN.sub(iban, out)
    out = _BIRTH_DATE.sub(birth, out)
    out = _PHONE.sub(replace("PHONE"), out)
    out = _BSN.sub(bsn, out)
    out = _POSTCODE_HOUSE.sub(replace("ADDRESS"), out)
    out = _STREET_HOUSE.sub(replace("ADDRESS"), out)
    out = _POSTCODE.sub(replace("POSTCODE"), out)
    return MaskResult(out, found)


def mask(text: str) -> str:
    return mask_personal_data(text).text
