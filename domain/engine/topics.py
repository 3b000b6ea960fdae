"""Theme vectors: what a report is about, as rarity-weighted Dutch concepts.

Duplicate detection compares two reports' wording and facts (`duplicates`); themes compare
what reports are *about*, and there the ordinary words of a story ("gemeente", "brief",
"euro", "moeten") outweigh the few that name the mechanism ("kostendelersnorm",
"giften", "wachtlijst") unless each word is weighed by how rare it is in Dutch
(`concepts.rarity`, from wordfreq: an IDF that needs no corpus, so a report's vector does
not change with what else was submitted). Three kinds of feature, hashed into one space:

- the concept (stem) itself, rarity-weighted, English words in Dutch first (`bilingual`);
- adjacent concept pairs ("eigen_bijdrag", "huishoud_hulp"), weighed by both;
- 4- and 5-grams of each rare stem, so compounds meet their parts
  ("huishoudelijkehulp" / "hulp in de huishouding", "bijstandsuitkering" / "bijstand").

On the evaluation set's dev split, average-linkage clusters of these vectors reached ARI
0.58 where the hashed wording vectors reached 0.43 (`bench/engine_quality.py`).
"""

from __future__ import annotations

import itertools
import json
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import FeatureHasher
from sklearn.preprocessing import normalize
from wordfreq import zipf_frequency

from domain.engine.concepts import concepts, dutch_words, rarity, rarity_in_english
from domain.engine.dutch import stem
from domain.engine.features import N_FEATURES

PAIR_WEIGHT = 0.5
# What the reporter ticked, as a share of the text's own weight: reporters leave the boxes
# empty about as often as not and sometimes tick the wrong one, so the text decides and the
# boxes only tip it. Two fragments of one mechanism's theme meet more easily through them.
DOMAIN_SHARE = 0.3
PROBLEM_TYPE_SHARE = 0.2
GRAM_WEIGHT = 1.0
GRAM_SIZES = (4, 5)
# Words this common add no grams: their parts would make unrelated compounds meet.
GRAM_MIN_RARITY = 0.5
# In an English report, the words left in English weigh this share in the theme vector: what
# the lexicon translated (and the Dutch words in it: "bijstand", "DigiD") says what the report
# is about; the English words left over ("abroad", "stroke") otherwise pull the English
# reports of several mechanisms into one theme. "Left in English" is `is_english_word`: more
# common in English than in Dutch by wordfreq, which also takes a few Dutch words the lexicon
# gave ("gift", "room"). A stem only such words gave weighs the share (and so do the concept
# pairs it is in); each such word's 4- and 5-grams weigh the share too, and are left out when
# that brings them under GRAM_MIN_RARITY. Swept over the re-clustering of every set looked at
# (`real`–`real5` with their true cases, `real6` and `real7` with their first runs' groups),
# 1.0 → 0.3: English in their mechanism's main theme 284 → 292 of 363, ARI −0.021 to +0.022
# per set; 0.1 about the same. `concepts` (duplicates) is unchanged.
ENGLISH_WORD_SHARE = 0.3


@dataclass(frozen=True)
class Ticked:
    """The domains and problem types a reporter ticked with the report."""

    domains: tuple[str, ...] = ()
    problem_types: tuple[str, ...] = ()

    @classmethod
    def of(cls, domains: object, problem_types: object) -> Ticked:
        """From stored values (a JSON list, its text, or nothing)."""
        return cls(_strings(domains), _strings(problem_types))


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = json.loads(value) if value else []
    return tuple(str(v) for v in value) if isinstance(value, list | tuple) else ()


NOTHING_TICKED = Ticked()


def with_ticked(features: dict[str, float], ticked: Ticked) -> dict[str, float]:
    """The text's features plus the ticked boxes, each kind at its share of the text's norm."""
    norm = math.sqrt(sum(v * v for v in features.values()))
    if not norm:
        return features
    out = dict(features)
    for prefix, values, share in (
        ("d:", ticked.domains, DOMAIN_SHARE),
        ("p:", ticked.problem_types, PROBLEM_TYPE_SHARE),
    ):
        for value in values:
            out[prefix + value] = share * norm / math.sqrt(len(values))
    return out


_hasher = FeatureHasher(n_features=N_FEATURES, input_type="dict", alternate_sign=False)


def topic_features(
    normalised: str, language: str = "nl", weights: Counter[str] | None = None
) -> dict[str, float]:
    """Feature → weight for one normalised text (`weights`: its `concepts`, if known)."""
    weights = concepts(normalised, language) if weights is None else weights
    words, english = dutch_words(normalised, language)
    weigh = rarity_in_english if english else rarity
    out: defaultdict[str, float] = defaultdict(float)
    stemmed = [stem(w) for w in words]
    # Each word's share of its weight: ENGLISH_WORD_SHARE for a word left in English.
    shares = [_share(w) for w in words] if english else [1.0] * len(words)
    if english:
        weights = _stems_weighed_down(weights, stemmed, shares)
    out.update({f"w:{k}": v for k, v in weights.items()})
    for a, b in itertools.pairwise(stemmed):
        if a in weights and b in weights:
            out[f"b:{a}_{b}"] += PAIR_WEIGHT * math.sqrt(weights[a] * weights[b])
    for word, key, share in zip(words, stemmed, shares, strict=True):
        weight = weigh(word) * share
        if weight <= GRAM_MIN_RARITY:
            continue
        padded = f" {key} "
        for n in GRAM_SIZES:
            grams = max(len(padded) - n + 1, 1)
            for i in range(len(padded) - n + 1):
                out[f"g:{padded[i : i + n]}"] += GRAM_WEIGHT * weight / math.sqrt(grams)
    return dict(out)


@lru_cache(maxsize=100_000)
def is_english_word(word: str) -> bool:
    """A word more common in English than in Dutch ("abroad", "stroke"; not "bijstand")."""
    return zipf_frequency(word, "en") > zipf_frequency(word, "nl") + 0.5


def _share(word: str) -> float:
    return ENGLISH_WORD_SHARE if is_english_word(word) else 1.0


def _stems_weighed_down(
    weights: Counter[str], stemmed: Sequence[str], shares: Sequence[float]
) -> Counter[str]:
    """`weights` with each stem that only English words gave (not one a Dutch word gave too)
    at ENGLISH_WORD_SHARE."""
    english = {k for k, share in zip(stemmed, shares, strict=True) if share != 1.0}
    english -= {k for k, share in zip(stemmed, shares, strict=True) if share == 1.0}
    return Counter({k: v * ENGLISH_WORD_SHARE if k in english else v for k, v in weights.items()})


def theme_vectors(
    normalised: Sequence[str],
    languages: Sequence[str] | None = None,
    weights: Sequence[Counter[str] | None] | None = None,
    ticked: Sequence[Ticked] | None = None,
) -> sparse.csr_matrix:
    """L2-normalised rows in the same 2^20 space the theme centroids live in (`ticked`: what
    came with each report, `with_ticked`)."""
    languages = languages if languages is not None else ["nl"] * len(normalised)
    weights = weights if weights is not None else [None] * len(normalised)
    ticked = ticked if ticked is not None else [NOTHING_TICKED] * len(normalised)
    if not normalised:
        return sparse.csr_matrix((0, N_FEATURES), dtype=np.float32)
    hashed = _hasher.transform(
        with_ticked(topic_features(t, lang, w), boxes)
        for t, lang, w, boxes in zip(normalised, languages, weights, ticked, strict=True)
    )
    rows = cast(sparse.csr_matrix, normalize(hashed))
    return sparse.csr_matrix(rows, dtype=np.float32)
