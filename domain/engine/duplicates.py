"""Is this the same case? Candidates from LSH band keys, verified, grouped with union-find.

Verification uses two signals: the MinHash Jaccard estimate of character shingles (typos,
reordering, dropped sentences, greetings) and, for rewrites of the same case by someone else,
the agreement of case details (amounts, ages, dates, numbers) together with a high cosine
similarity of the Dutch word features. Reports of one theme share vocabulary but not details,
which keeps "same mechanism, different person" apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from domain.engine.features import dot, paired_dots, vectorise
from domain.engine.minhash import estimated_jaccard

# Candidate lookup: the newest reports under each key, and at most this many per report.
CANDIDATES_PER_KEY = 40
MAX_CANDIDATES = 200
NEAR_DUPLICATE_JACCARD = 0.42
# A rewrite of the same case shares case details with it; the more details two reports share,
# the less word overlap it takes to believe them. Measured on the evaluation set: 98% of the
# pairs of reports of one theme about different cases share at most one detail; those sharing
# two stay below cosine 0.44, three below 0.46 (bench/engine_quality.py).
REWRITE_COSINE_BY_SHARED_DETAILS = {2: 0.44, 3: 0.46}
REWRITE_COSINE_MANY_DETAILS = 0.36
REWRITE_MIN_SHARED_DETAILS = 2

_DETAIL = re.compile(r"\b\d+(?:[.,]\d+)?\b")
_WORD = re.compile(r"\w+")
# "een" is left out: it is the article far more often than the number.
_NUMBER_WORDS = {
    "twee": "2", "drie": "3", "vier": "4", "vijf": "5", "zes": "6", "zeven": "7", "acht": "8",
    "negen": "9", "tien": "10", "elf": "11", "twaalf": "12", "dertien": "13", "veertien": "14",
    "vijftien": "15", "zestien": "16", "zeventien": "17", "achttien": "18", "negentien": "19",
    "twintig": "20", "dertig": "30", "veertig": "40", "vijftig": "50", "zestig": "60",
    "honderd": "100", "duizend": "1000",
}  # fmt: skip
_MONTHS = frozenset(
    [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ]
)


def case_details(normalised: str) -> frozenset[str]:
    """What pins down a case: amounts, ages, durations (in digits or words) and months."""
    details = {d.replace(",", ".") for d in _DETAIL.findall(normalised)}
    for word in _WORD.findall(normalised):
        if word in _NUMBER_WORDS:
            details.add(_NUMBER_WORDS[word])
        elif word in _MONTHS:
            details.add(word)
    return frozenset(details)


class CaseEvidence:
    """What a report offers for comparison; its word vector is computed only when needed."""

    __slots__ = ("_vector", "details", "normalised", "signature")

    def __init__(
        self,
        normalised: str,
        signature: np.ndarray,
        vector: sparse.csr_matrix | None = None,
        details: frozenset[str] | None = None,
    ) -> None:
        self.normalised = normalised
        self.signature = signature
        self._vector = vector
        self.details = case_details(normalised) if details is None else details

    @property
    def vector(self) -> sparse.csr_matrix:
        if self._vector is None:
            self._vector = vectorise([self.normalised])
        return self._vector


def _verdict(jaccard: float, shared: int, cosine: float | None) -> tuple[bool, float]:
    if jaccard >= NEAR_DUPLICATE_JACCARD:
        return True, jaccard
    if cosine is not None:
        needed = REWRITE_COSINE_BY_SHARED_DETAILS.get(shared, REWRITE_COSINE_MANY_DETAILS)
        if cosine >= needed:
            return True, cosine
    return False, jaccard


def same_case(a: CaseEvidence, b: CaseEvidence) -> tuple[bool, float]:
    """(verdict, strength) for a candidate pair."""
    jaccard = estimated_jaccard(a.signature, b.signature)
    shared = len(a.details & b.details)
    needs_cosine = jaccard < NEAR_DUPLICATE_JACCARD and shared >= REWRITE_MIN_SHARED_DETAILS
    return _verdict(jaccard, shared, dot(a.vector, b.vector) if needs_cosine else None)


def verify_pairs(pairs: Sequence[tuple[CaseEvidence, CaseEvidence]]) -> list[tuple[bool, float]]:
    """`same_case` for many pairs at once, with the same verdicts.

    Word vectors missing for the pairs that get as far as the cosine test are made in one
    vectorising pass, and their cosines in one sparse product: per pair, this is a fraction
    of the cost of `same_case`.
    """
    jaccards = [estimated_jaccard(a.signature, b.signature) for a, b in pairs]
    shared = [len(a.details & b.details) for a, b in pairs]
    needs = [
        n for n, (j, s) in enumerate(zip(jaccards, shared, strict=True))
        if j < NEAR_DUPLICATE_JACCARD and s >= REWRITE_MIN_SHARED_DETAILS
    ]  # fmt: skip
    missing: dict[int, CaseEvidence] = {}
    for n in needs:
        for evidence in pairs[n]:
            if evidence._vector is None:
                missing[id(evidence)] = evidence
    if missing:
        vectors = vectorise([evidence.normalised for evidence in missing.values()])
        for row, evidence in enumerate(missing.values()):
            evidence._vector = vectors[row]
    cosines: dict[int, float] = {}
    if needs:
        values = paired_dots(
            [pairs[n][0].vector for n in needs], [pairs[n][1].vector for n in needs]
        )
        cosines = dict(zip(needs, values.tolist(), strict=True))
    return [_verdict(jaccards[n], shared[n], cosines.get(n)) for n in range(len(pairs))]


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: int, b: int) -> int:
        """Join two sets; the smaller id (the earliest report) stays the root."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        root, child = (ra, rb) if ra < rb else (rb, ra)
        self.parent[child] = root
        return root
