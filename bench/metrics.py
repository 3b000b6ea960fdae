"""The benches' measures: a percentile of timings; clustering metrics (pairwise
precision/recall/F1, BCubed F1; ARI and V-measure come from sklearn)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import combinations


def percentile(values: Sequence[float], share: float) -> float:
    """The value at `share` (0.99 for p99) of the sorted values; nan when there are none."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _pairs(labels: Sequence[object]) -> set[tuple[int, int]]:
    members: dict[object, list[int]] = defaultdict(list)
    for index, label in enumerate(labels):
        members[label].append(index)
    return {pair for group in members.values() for pair in combinations(group, 2)}


def pairwise_prf(
    truth: Sequence[object], predicted: Sequence[object]
) -> tuple[float, float, float]:
    true_pairs, predicted_pairs = _pairs(truth), _pairs(predicted)
    hits = len(true_pairs & predicted_pairs)
    precision = hits / len(predicted_pairs) if predicted_pairs else 1.0
    recall = hits / len(true_pairs) if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def bcubed_f1(truth: Sequence[object], predicted: Sequence[object]) -> float:
    by_cluster: dict[object, Counter[object]] = defaultdict(Counter)
    by_class: Counter[object] = Counter(truth)
    for t, p in zip(truth, predicted, strict=True):
        by_cluster[p][t] += 1
    cluster_size = {p: sum(c.values()) for p, c in by_cluster.items()}
    precision = recall = 0.0
    for t, p in zip(truth, predicted, strict=True):
        overlap = by_cluster[p][t]
        precision += overlap / cluster_size[p]
        recall += overlap / by_class[t]
    n = len(truth)
    precision, recall = precision / n, recall / n
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
