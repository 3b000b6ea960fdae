"""Shared input checks with B1 messages in the language being spoken.

A `label` names the field inside the message ("uw verhaal"): callers mark it with `N_` so
the catalogue has it, and it is translated here with the message around it.
"""

from __future__ import annotations

import re
import uuid

from domain.errors import InputErrors
from privacy.masking import mask
from vocabulary import ErrorCode
from vocabulary.bottlenecks import NORMS
from vocabulary.translations import t

MUNICIPALITY_CODE = re.compile(r"^GM[0-9]{4}$")
# C0 control characters other than tab and line breaks, and lone UTF-16 surrogates (JSON can
# carry "\ud800"): PostgreSQL cannot store NUL or a surrogate, and the others only ever come
# from broken clients.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def check_text(
    errors: InputErrors, field: str, value: str | None, *, minimum: int, maximum: int, label: str
) -> str:
    text = (value or "").strip()
    if not text:
        errors.add(field, ErrorCode.REQUIRED, t("Vul {label} in.", label=t(label)))
    elif CONTROL_CHARACTERS.search(text):
        _unstorable(errors, field, label)
    elif len(text) < minimum:
        errors.add(
            field,
            ErrorCode.TOO_SHORT,
            t("Schrijf bij {label} minstens {minimum} tekens.", label=t(label), minimum=minimum),
        )
    elif len(text) > maximum:
        _too_long(errors, field, label, maximum)
    return text


def _unstorable(errors: InputErrors, field: str, label: str) -> None:
    errors.add(
        field,
        ErrorCode.INVALID_VALUE,
        t(
            "In {label} staan tekens die we niet kunnen opslaan. Haal ze weg en probeer het "
            "opnieuw.",
            label=t(label),
        ),
    )


def _too_long(errors: InputErrors, field: str, label: str, maximum: int) -> None:
    message = t("{label} mag hoogstens {maximum} tekens zijn.", label=t(label), maximum=maximum)
    errors.add(field, ErrorCode.TOO_LONG, message[:1].upper() + message[1:])


def check_optional_text(
    errors: InputErrors, field: str, value: str | None, *, maximum: int, label: str
) -> str | None:
    """A free-text field that may be left empty: only length and storable characters."""
    text = (value or "").strip()
    if not text:
        return None
    if CONTROL_CHARACTERS.search(text):
        _unstorable(errors, field, label)
    elif len(text) > maximum:
        _too_long(errors, field, label, maximum)
    return text


def check_free_text(
    errors: InputErrors, field: str, value: str | None, *, minimum: int, maximum: int, label: str
) -> str:
    """A message, answer, note or label: checked, then stored with personal data masked.

    Only the report itself keeps its original (logged on read, anonymised by retention);
    what staff, partners and reporters write around it is masked before it is stored, so
    no derived view, dossier or log can show what was in it.
    """
    return mask(check_text(errors, field, value, minimum=minimum, maximum=maximum, label=label))


def check_optional_free_text(
    errors: InputErrors, field: str, value: str | None, *, maximum: int, label: str
) -> str | None:
    text = check_optional_text(errors, field, value, maximum=maximum, label=label)
    return mask(text) if text else text


def check_municipality(errors: InputErrors, field: str, code: str | None) -> str:
    value = (code or "").strip().upper()
    if not MUNICIPALITY_CODE.match(value):
        errors.add(
            field,
            ErrorCode.INVALID_MUNICIPALITY,
            t("Gebruik de CBS-code van de gemeente, bijvoorbeeld GM0363 voor Amsterdam."),
        )
    return value


def parse_uuid(errors: InputErrors, field: str, value: object) -> str:
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        errors.add(field, ErrorCode.INVALID_VALUE, t("Dit kenmerk bestaat niet."))
        return ""


def check_norms(problems: InputErrors, norms: list[int]) -> None:
    """Norms are numbers of the Behoorlijkheidswijzer (1–22); anything else is refused."""
    unknown = [n for n in norms if n not in NORMS]
    if unknown:
        problems.add(
            "norms", ErrorCode.INVALID_VALUE,
            f"Onbekende norm: {', '.join(map(str, unknown))}. De Behoorlijkheidswijzer heeft de "
            "normen 1 tot en met 22.",
        )  # fmt: skip
