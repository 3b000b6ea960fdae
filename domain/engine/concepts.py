"""A report as weighted Dutch concepts: its content words, English ones in Dutch
(`bilingual`), stemmed, each weighted by how rare the word is in Dutch.

Rarity comes from `wordfreq` (word frequencies of Dutch, shipped with the package, nothing
downloaded): "de" weighs nothing, "euro" little, "kinderopvangtoeslag" or "kenteken" much.
That is an IDF that needs no corpus, so the same report gets the same weights whatever else
was submitted, in the bench and in production alike.
"""

from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache

from wordfreq import zipf_frequency

from domain.engine.bilingual import looks_english, to_dutch
from domain.engine.dutch import BOILERPLATE, PERSONAL_DATA_WORDS, STOP_WORDS, stem

# Zipf 7 is "de"; a word at or above COMMON weighs nothing, one never seen weighs MAX_WEIGHT.
COMMON = 6.0
MAX_WEIGHT = 4.0


@lru_cache(maxsize=200_000)
def rarity(word: str) -> float:
    """How much a Dutch word says: 0 for the commonest, up to MAX_WEIGHT for unseen words."""
    zipf = zipf_frequency(word, "nl")
    if zipf == 0:  # unseen: a compound, a name of a thing, a typo
        return MAX_WEIGHT * 0.75 if len(word) > 4 else 0.5
    return max(0.0, min(MAX_WEIGHT, COMMON - zipf))


@lru_cache(maxsize=200_000)
def rarity_in_english(word: str) -> float:
    """`rarity` for a word of an English report: what the lexicon did not translate is mostly
    English ("anything", "currently"), rare in Dutch but saying nothing; it weighs by the
    commoner of the two languages. Names of things (UWV, DigiD) stay rare in both."""
    zipf = max(zipf_frequency(word, "nl"), zipf_frequency(word, "en"))
    if zipf == 0:
        return MAX_WEIGHT * 0.75 if len(word) > 4 else 0.5
    return max(0.0, min(MAX_WEIGHT, COMMON - zipf))


def is_english(normalised: str, language: str = "nl") -> bool:
    return language == "en" or looks_english(normalised)


def dutch_text(normalised: str, language: str = "nl") -> str:
    """The text in Dutch words: English reports (said or detected) translated."""
    return to_dutch(normalised) if is_english(normalised, language) else normalised


@lru_cache(maxsize=1024)
def dutch_words(normalised: str, language: str = "nl") -> tuple[tuple[str, ...], bool]:
    """The words a text is about, in Dutch (English translated), and whether it was English.

    Stop words, personal-data signal words, digits and words under three letters left out.
    Cached: `concepts` and the theme features (`topics`) read the same words of a report
    one after the other, and translating is the costly part."""
    english = is_english(normalised, language)
    words = (to_dutch(normalised) if english else normalised).split()
    kept = tuple(
        w
        for w in words
        if len(w) >= 3 and w not in STOP_WORDS and w not in PERSONAL_DATA_WORDS and not w.isdigit()
    )
    return kept, english


def concepts(normalised: str, language: str = "nl") -> Counter[str]:
    """Stem → weight (summed over its occurrences, sublinear)."""
    counts: Counter[str] = Counter()
    weights: dict[str, float] = {}
    words, english = dutch_words(normalised, language)
    weigh = rarity_in_english if english else rarity
    for word in words:
        if word in BOILERPLATE:
            continue
        key = stem(word)
        counts[key] += 1
        weights[key] = max(weights.get(key, 0.0), weigh(word))
    return Counter(
        {key: weights[key] * (1 + math.log(n)) for key, n in counts.items() if weights[key] > 0}
    )


def weighted_cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    shared = a.keys() & b.keys()
    num = sum(a[k] * b[k] for k in shared)
    return num / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


RARE_FLOOR = 2.0


def shared_rare(a: Counter[str], b: Counter[str], floor: float = RARE_FLOOR) -> list[str]:
    """Concepts both state that are rare enough to point at this case ("kenteken", "opel")."""
    shared = (k for k in a.keys() & b.keys() if min(a[k], b[k]) >= floor)
    return sorted(shared, key=lambda k: (-a[k], k))  # ties by name: the same words every run
