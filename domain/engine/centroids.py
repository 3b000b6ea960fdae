"""Theme centroids as stored: sparse {feature index: weight} dicts, unit length, top terms.

Plain Python on purpose: the API merges the centroids of two themes staff merged without
loading the numeric stack that computing them from text needs (`domain.engine.features`).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping

CENTROID_TERMS = 600

Centroid = dict[str, float]


def normalised(weights: Mapping[str, float], keep: int = CENTROID_TERMS) -> Centroid:
    """The `keep` heaviest features, scaled to unit length, rounded as stored."""
    top = heapq.nlargest(keep, weights.items(), key=lambda item: item[1])
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {key: round(w / norm, 6) for key, w in top}


def merged(
    a: Mapping[str, float], weight_a: float, b: Mapping[str, float], weight_b: float
) -> Centroid:
    """The centroid of two themes together, each weighted by its number of cases."""
    total: dict[str, float] = {}
    for centroid, weight in ((a, weight_a), (b, weight_b)):
        for key, value in centroid.items():
            total[key] = total.get(key, 0.0) + value * weight
    return normalised(total)
