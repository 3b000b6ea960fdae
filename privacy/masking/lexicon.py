"""The Dutch word lists the masker looks names and streets up in: deduce's own source lists
(first names, surnames, interfixes, streets from the BAG, places), read once per process as
plain sets (about 20 MB; deduce's tries of the same lists take 1 GB, which only the worker
loads)."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path


def _source() -> Path:
    """deduce's source lists, found without importing deduce (the API never loads it)."""
    spec = importlib.util.find_spec("deduce")
    assert spec is not None and spec.submodule_search_locations, "deduce is installed"
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "lookup" / "src"


SOURCE = _source()

# Words that are Dutch or English words before they are names ("Hoop", "Mei", "Roos" stay
# names only after a title or an introduction).
_NOT_NAMES_ALONE = {
    "van", "de", "der", "den", "het", "een", "mei", "wil", "april", "augustus", "juni", "juli",
    "maart", "hoop", "roos", "fleur", "lief", "jan", "iris", "rose", "may", "june", "will",
    "mark", "bill", "grace", "faith", "hope", "joy", "sunny", "bank", "pas", "mijn", "ons",
    "zorg", "gem", "dag", "nee", "ja", "dan", "max", "don", "ad", "al", "el", "les", "job",
}  # fmt: skip


def _read(*parts: str) -> set[str]:
    path = SOURCE.joinpath(*parts)
    return {
        line.strip().lower()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }


@dataclass(frozen=True)
class Lexicon:
    first_names: frozenset[str]
    surnames: frozenset[str]
    interfixes: frozenset[str]
    streets: frozenset[str]
    places: frozenset[str]
    common: frozenset[str]

    def is_first_name(self, word: str, *, alone: bool = False) -> bool:
        low = word.lower()
        if low not in self.first_names:
            return False
        return not alone or (low not in self.common and low not in _NOT_NAMES_ALONE)


@cache
def lexicon() -> Lexicon:
    common = (
        _read("whitelist", "lst_common_word", "items.txt")
        | _read("whitelist", "lst_stop_word", "items.txt")
        | _read("whitelist", "lst_medical_term", "items.txt")
    )
    places = _read("locations", "lst_placename", "lst_residence", "items.txt") | _read(
        "locations", "lst_placename", "lst_municipality", "items.txt"
    )
    return Lexicon(
        first_names=frozenset(_read("names", "lst_first_name", "items.txt")),
        surnames=frozenset(_read("names", "lst_surname", "items.txt")),
        interfixes=frozenset(_read("names", "lst_interfix", "items.txt")),
        streets=frozenset(
            _read("locations", "lst_street", "items.txt")
            | _read("locations", "lst_street", "streets_bag.txt")
        ),
        places=frozenset(places),
        common=frozenset(common),
    )
