"""Theme discovery as pure functions: partition cases, describe each part, and the cadence.

The worker (`workers.discovery`) reads the cases and writes the themes; these functions
decide. Discovery clusters the cases that fit no theme without being told how many themes
there are; a grown proposed theme that fell apart is split (`themes.split_parts`); on a
schedule, every case not placed by staff is clustered again as a whole (`repartition`), and
each part continues the theme it shares most cases with.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse

from domain.engine.features import mean_row, to_sparse_dict
from domain.engine.normalise import normalise
from domain.engine.themes import (
    carry_over,
    label_from_terms,
    recluster,
    representatives,
    top_terms,
)
from domain.engine.topics import Ticked, theme_vectors

EXCERPT_CHARS = 280
Terms = list[tuple[str, float]]

# Cadence: discovery runs once this many new cases wait since its last run, or once a case
# has waited `max_wait_seconds` (a setting); a scheduled run catches the rest.
DISCOVER_EVERY_NEW_CASES = 10


def discovery_due(
    waiting: int, waiting_after_last_run: int, seconds_since_last_run: float, max_wait: float
) -> bool:
    if waiting < 2:
        return False
    return (
        waiting - waiting_after_last_run >= DISCOVER_EVERY_NEW_CASES
        or seconds_since_last_run >= max_wait
    )


def excerpt(masked_text: str) -> str:
    text = " ".join(masked_text.split())
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1].rsplit(" ", 1)[0] + "…"


@dataclass(frozen=True)
class Partition:
    vectors: sparse.csr_matrix
    parts: list[list[int]]
    terms: list[Terms]


def partition(
    masked_texts: Sequence[str],
    how: Callable[[sparse.csr_matrix], list[list[int]]],
    languages: Sequence[str] | None = None,
    ticked: Sequence[Ticked] | None = None,
) -> Partition:
    """Vectorise the cases and cut them into parts (`cluster` or `split_parts`), each with
    its top terms. CPU work: the worker runs it in a thread."""
    texts = [normalise(t) for t in masked_texts]
    vectors = theme_vectors(texts, languages, ticked=ticked)
    parts = how(vectors)
    terms = top_terms([[texts[i] for i in part] for part in parts]) if parts else []
    return Partition(vectors, parts, terms)


@dataclass(frozen=True)
class Reclustering:
    """All cases partitioned anew (`themes.recluster`), each part with the theme it continues."""

    vectors: sparse.csr_matrix
    parts: list[list[int]]
    terms: list[Terms]
    continues: list[str | None]
    left: list[int]


def repartition(
    masked_texts: Sequence[str],
    languages: Sequence[str],
    themes: Sequence[str | None],
    ticked: Sequence[Ticked] | None = None,
) -> Reclustering:
    """The scheduled re-clustering as a whole: parts, their terms, and which existing theme
    (`themes[i]` is case i's theme now) each part continues. CPU work: run in a thread."""
    texts = [normalise(t) for t in masked_texts]
    vectors = theme_vectors(texts, languages, ticked=ticked)
    parts, left = recluster(vectors)
    terms = top_terms([[texts[i] for i in part] for part in parts]) if parts else []
    return Reclustering(vectors, parts, terms, carry_over(parts, themes), left)


def similarities_to_mean(vectors: sparse.csr_matrix) -> list[float]:
    """Each case's cosine with its part's centroid: how well it fits the theme."""
    mean = mean_row(vectors)
    return [float(v) for v in np.asarray((vectors @ mean.T).todense()).ravel()]


def describe(
    masked_texts: Sequence[str], vectors: sparse.csr_matrix, terms: Terms
) -> dict[str, Any]:
    """What the worker writes about a theme's cases: label, terms, centroid, excerpts."""
    return {
        "label": label_from_terms(terms),
        "top_terms": [[term, weight] for term, weight in terms],
        "centroid": to_sparse_dict(mean_row(vectors)),
        "excerpts": [excerpt(masked_texts[i]) for i in representatives(vectors)],
    }
