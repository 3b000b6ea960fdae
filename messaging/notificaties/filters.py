"""Kanalen and filters of an abonnement, checked and matched the way Open Notificaties
matches them.

A filter key present in the message's kenmerken must equal the filter value, or the
filter value is `*`; keys absent from the message are ignored; there is no OR: a
subscriber that wants two values makes two filter groups (two kanaal entries).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

THEMES = "themas"
REFERRALS = "doorverwijzingen"
KANALEN = (THEMES, REFERRALS)
TEST = "test"
WILDCARD = "*"

# The flat kenmerken of each kanaal, as messages carry them.
KENMERKEN: dict[str, tuple[str, ...]] = {
    THEMES: ("gemeentecode", "domein", "niveau", "status", "actie"),
    REFERRALS: ("gemeentecode", "domein", "niveau", "ontvanger", "actie"),
}


@dataclass(frozen=True)
class Kanaal:
    naam: str
    filters: dict[str, str]


@dataclass(frozen=True)
class FilterProblem:
    field: str
    message: str


def check_kanalen(kanalen: Sequence[Kanaal], own_code: str | None) -> list[FilterProblem]:
    """What is wrong with a list of kanalen, in words a person can act on (empty: fine).

    `own_code` is the municipality the abonnement is for: a gemeentecode filter may only
    name that code (or `*`).
    """
    problems: list[FilterProblem] = []
    if not kanalen:
        problems.append(
            FilterProblem("kanalen", "Kies minstens één kanaal: themas of doorverwijzingen.")
        )
    for n, kanaal in enumerate(kanalen):
        where = f"kanalen[{n}]"
        if kanaal.naam not in KANALEN:
            problems.append(
                FilterProblem(
                    f"{where}.naam",
                    f"Onbekend kanaal {kanaal.naam[:50]!r}; kies uit {', '.join(KANALEN)}.",
                )
            )
            continue
        for key, value in kanaal.filters.items():
            if key not in KENMERKEN[kanaal.naam]:
                known = ", ".join(KENMERKEN[kanaal.naam])
                problems.append(
                    FilterProblem(
                        f"{where}.filters",
                        f"Het kanaal {kanaal.naam} kent het kenmerk {key[:50]!r} niet; kies uit {known}.",
                    )
                )
            elif not value or len(value) > 100:
                problems.append(
                    FilterProblem(
                        f"{where}.filters",
                        f"Geef voor {key} een waarde (of *), van hoogstens 100 tekens.",
                    )
                )
            elif key == "gemeentecode" and value not in (WILDCARD, own_code):
                problems.append(
                    FilterProblem(
                        f"{where}.filters",
                        f"U kunt alleen berichten over uw eigen gemeente ({own_code}) krijgen.",
                    )
                )
    return problems  # fmt: skip


def filters_match(filters: Mapping[str, str], kenmerken: Mapping[str, str]) -> bool:
    return all(
        value == WILDCARD or key not in kenmerken or kenmerken[key] == value
        for key, value in filters.items()
    )


def matches(kanalen: Sequence[Kanaal], kanaal: str, kenmerken: Mapping[str, str]) -> bool:
    """Whether an abonnement with these kanalen receives a message (one group suffices)."""
    return any(k.naam == kanaal and filters_match(k.filters, kenmerken) for k in kanalen)


def kanalen_from_json(raw: object) -> list[Kanaal]:
    if not isinstance(raw, list):
        return []
    return [
        Kanaal(str(item.get("naam", "")), {str(k): str(v) for k, v in (item.get("filters") or {}).items()})
        for item in raw
        if isinstance(item, dict)
    ]  # fmt: skip


def kanalen_to_json(kanalen: Sequence[Kanaal]) -> list[dict[str, object]]:
    return [{"naam": k.naam, "filters": dict(sorted(k.filters.items()))} for k in kanalen]
