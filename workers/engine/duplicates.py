"""Is this the same case? Candidates from LSH band keys, verified, grouped with union-find.

Verification uses two signals: the MinHash Jaccard estimate of character shingles (typos,
reordering, dropped sentences, greetings) and, for rewrites of the same case by someone else,
the agreement of case details (amounts, ages, dates, numbers) together with a high cosine
similarity of the Dutch word features. Reports of one theme share vocabulary but not details,
which keeps "same mechanism, different person" apart.
"""

from __future__ import annotations

import re

import numpy as np
from scipy import sparse

from workers.engine.features import dot, vectorise
from workers.engine.minhash import estimated_jaccard

NEAR_DUPLICATE_JACCARD = 0.42
REWRITE_COSINE = 0.45
REWRITE_MIN_SHARED_DETAILS = 2

_DETAIL = re.compile(r"\b\d+(?:[.,]\d+)?\b")


def case_details(normalised: str) -> frozenset[str]:
    """Numbers that pin down a case: amounts, ages, dates, durations."""
    return frozenset(d.replace(",", ".") for d in _DETAIL.findall(normalised))


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


def same_case(a: CaseEvidence, b: CaseEvidence) -> tuple[bool, float]:
    """(verdict, strength) for a candidate pair."""
    jaccard = estimated_jaccard(a.signature, b.signature)
    if jaccard >= NEAR_DUPLICATE_JACCARD:
        return True, jaccard
    shared = len(a.details & b.details)
    if shared >= REWRITE_MIN_SHARED_DETAILS:
        cosine = dot(a.vector, b.vector)
        if cosine >= REWRITE_COSINE:
            return True, cosine
    return False, jaccard


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
