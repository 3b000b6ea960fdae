"""All Dutch municipalities with their CBS codes, shipped as data (`data/gemeenten.csv`,
its source and reference date in the file's first lines), so a resident picks a name and
never types a code."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from web import DATA_DIR


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    province: str


def _rows(name: str) -> list[dict[str, str]]:
    """A data file's rows; its first lines (`#`) say where the data comes from."""
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return list(csv.DictReader(line for line in lines if not line.startswith("#")))


@cache
def _phone_numbers() -> dict[str, str]:
    return {r["code"]: r["telefoon"] for r in _rows("gemeente_telefoon.csv")}


def phone_number(code: str | None) -> str | None:
    """The municipality's own number (`data/gemeente_telefoon.csv`), where we know it."""
    return _phone_numbers().get(code or "")


@cache
def all_municipalities() -> tuple[Municipality, ...]:
    found = [Municipality(r["code"], r["naam"], r["provincie"]) for r in _rows("gemeenten.csv")]
    return tuple(sorted(found, key=lambda m: _sort_key(m.name)))


def _sort_key(name: str) -> str:
    """Alphabetical as people look a name up: 's-Hertogenbosch under H."""
    plain = name.casefold()
    for prefix in ("'s-", "'t "):
        plain = plain.removeprefix(prefix)
    return plain


def _normal(text: str) -> str:
    return " ".join(text.replace("’", "'").casefold().split())


@cache
def _index() -> dict[str, Municipality]:
    index: dict[str, Municipality] = {}
    for m in all_municipalities():
        index[_normal(m.name)] = m
        index[_normal(m.code)] = m
        index[_normal(f"{m.name} ({m.province})")] = m
    index.setdefault(_normal("Den Haag"), index[_normal("'s-Gravenhage")])
    index.setdefault(_normal("Den Bosch"), index[_normal("'s-Hertogenbosch")])
    return index


def find(text: str) -> Municipality | None:
    """The municipality a person typed or picked: its name, its name with the province as
    the list shows it, or its CBS code."""
    return _index().get(_normal(text)) if text else None
