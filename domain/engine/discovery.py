"""Theme discovery as pure functions: partition cases, describe each part, and the cadence.

The worker (`workers.discovery`) reads the cases and writes the themes; these functions
decide. Discovery clusters the cases that fit no theme without being told how many themes
there are; a grown proposed theme that fell apart is split (`themes.split_parts`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from scipy import sparse

from domain.engine.features import mean_row, to_sparse_dict, vectorise
from domain.engine.normalise import normalise
from domain.engine.themes import label_from_terms, representatives, top_terms

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
    masked_texts: Sequence[str], how: Callable[[sparse.csr_matrix], list[list[int]]]
) -> Partition:
    """Vectorise the cases and cut them into parts (`cluster` or `split_parts`), each with
    its top terms. CPU work: the worker runs it in a thread."""
    texts = [normalise(t) for t in masked_texts]
    vectors = vectorise(texts)
    parts = how(vectors)
    terms = top_terms([[texts[i] for i in part] for part in parts]) if parts else []
    return Partition(vectors, parts, terms)


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
