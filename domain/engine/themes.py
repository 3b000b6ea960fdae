"""Theme assignment (nearest centroid) and discovery (clustering of unassigned cases).

Each new case is compared with the centroids of live themes held in worker memory; cases
that fit no theme wait for discovery, which clusters them without being told how many themes
there are and proposes each cluster to staff. Themes keep their ids: discovery only ever
creates themes for cases that have none.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.cluster import AgglomerativeClustering

from domain.engine.dutch import content_words
from domain.engine.features import N_FEATURES, from_sparse_dict, rows_of
from privacy.masking.lexicon import lexicon

# Calibrated on the evaluation set (bench/engine_quality.py): at 0.30 one early, broad theme
# drew in cases of five mechanisms; at 0.34 ARI rose from 0.26 to 0.39, at the cost of more
# (smaller) proposed themes, which staff merge in one step.
ASSIGN_SIMILARITY = 0.34
DISCOVERY_SIMILARITY = 0.26
MIN_CASES_PER_THEME = 2
# A proposed theme grown by assignment is checked again once it holds this many cases.
SPLIT_MIN_CASES = 10
SPLIT_MIN_PART = 3
LABEL_TERMS = 3
TOP_TERMS = 8


@dataclass(frozen=True)
class Assignment:
    theme_id: str
    similarity: float


class ThemeIndex:
    """Centroids of the live themes as one sparse matrix, for one matrix product per case."""

    def __init__(self) -> None:
        self.theme_ids: list[str] = []
        self.matrix = sparse.csc_matrix((0, N_FEATURES), dtype=np.float32)
        self.version_key: object = None

    def load(self, centroids: Sequence[tuple[str, dict[str, float]]], version_key: object) -> None:
        rows = [from_sparse_dict(c) for _, c in centroids]
        self.theme_ids = [theme_id for theme_id, _ in centroids]
        # Column-sliceable: a case touches a few hundred features out of 2^20.
        self.matrix = (
            sparse.vstack(rows).tocsc()
            if rows
            else sparse.csc_matrix((0, N_FEATURES), dtype=np.float32)
        )
        self.version_key = version_key

    def nearest(self, vector: sparse.csr_matrix) -> Assignment | None:
        if not self.theme_ids:
            return None
        return self._best(self.matrix[:, vector.indices] @ vector.data)

    def nearest_many(self, vectors: sparse.csr_matrix) -> list[Assignment | None]:
        """`nearest` for every row, in one matrix product."""
        if not self.theme_ids or rows_of(vectors) == 0:
            return [None] * rows_of(vectors)
        return [self._best(row) for row in (vectors @ self.matrix.T).toarray()]

    def _best(self, sims: np.ndarray) -> Assignment | None:
        """The most similar theme, if similar enough to join."""
        best = int(np.argmax(sims))
        if sims[best] < ASSIGN_SIMILARITY:
            return None
        return Assignment(self.theme_ids[best], float(sims[best]))


def cluster(vectors: sparse.csr_matrix, min_size: int = MIN_CASES_PER_THEME) -> list[list[int]]:
    """Average-linkage clusters at a cosine threshold; the number of themes is not given."""
    n = rows_of(vectors)
    if n < min_size:
        return []
    similarity = (vectors @ vectors.T).toarray()
    distance = np.clip(1.0 - similarity, 0.0, 2.0)
    np.fill_diagonal(distance, 0.0)
    labels = AgglomerativeClustering(
        n_clusters=None,  # pyright: ignore[reportArgumentType]  (None with a threshold)
        metric="precomputed",
        linkage="average",
        distance_threshold=1.0 - DISCOVERY_SIMILARITY,
    ).fit_predict(distance)
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    return [members for members in groups.values() if len(members) >= min_size]


def split_parts(vectors: sparse.csr_matrix) -> list[list[int]]:
    """The parts of a grown theme that has fallen apart, largest first; [] if it holds.

    Assignment compares a new case with a theme's centroid, and a theme proposed early from
    few cases can be broad enough to draw in cases of other mechanisms: its centroid drifts
    towards what they share ("gemeente", "terugbetalen") and draws in more. Clustering its
    cases again at the discovery threshold shows whether discovery, seeing them together,
    would have proposed one theme. If not, the first part keeps the theme and every case no
    other part took; each other part (at least `SPLIT_MIN_PART` cases) becomes a proposed
    theme of its own. (On the evaluation set this lifts ARI from 0.39 to 0.50.)
    """
    n = rows_of(vectors)
    if n < SPLIT_MIN_CASES:
        return []
    parts = sorted(cluster(vectors, min_size=SPLIT_MIN_PART), key=len, reverse=True)
    if len(parts) < 2:
        return []
    moved = {i for part in parts[1:] for i in part}
    return [[i for i in range(n) if i not in moved], *parts[1:]]


def top_terms(
    cluster_texts: Sequence[Sequence[str]], k: int = TOP_TERMS
) -> list[list[tuple[str, float]]]:
    """Class-based TF-IDF: terms frequent in one cluster and rare in the others."""
    per_cluster = [
        Counter(w for text in texts for w in content_words(text)) for texts in cluster_texts
    ]
    overall: Counter[str] = Counter()
    for counts in per_cluster:
        overall.update(counts)
    average = sum(sum(c.values()) for c in per_cluster) / max(len(per_cluster), 1)
    result = []
    for counts in per_cluster:
        total = sum(counts.values()) or 1
        scored = [
            (term, (tf / total) * math.log(1 + average / overall[term]))
            for term, tf in counts.items()
            if (tf > 1 or len(counts) < 12) and not only_a_name(term)
        ]
        scored.sort(key=lambda item: (-item[1], item[0]))
        result.append([(term, round(score, 4)) for term, score in scored[:k]])
    return result


def only_a_name(term: str) -> bool:
    """A first name or surname that is no ordinary word ("amrani", "mohammed"), or a digit
    run: never a theme's term, even when the masker let one through."""
    if term.isdigit():
        return True
    words = lexicon()
    return (term in words.first_names or term in words.surnames) and term not in words.common


def label_from_terms(terms: Sequence[tuple[str, float]]) -> str:
    words = [term for term, _ in terms[:LABEL_TERMS]]
    return " · ".join(words) if words else "Nieuw thema"


def representatives(vectors: sparse.csr_matrix, k: int = 3) -> list[int]:
    """Indices of the rows closest to their mean: the most typical cases."""
    centroid = sparse.csr_matrix(vectors.mean(axis=0))
    sims = (vectors @ centroid.T).toarray().ravel()
    return [int(i) for i in np.argsort(-sims)[:k]]
