"""Fit the retelling model of `domain.engine.case_match`, and say how well it does on sets
it did not learn from.

    python -m bench.eval.fit_case_match [--sets real-all,real2,...,real12]

By default every set written apart from the engine except the holdout (`sets.HOLDOUT`,
which nothing is fitted on) is read. Within each set, every report and each earlier report
of its municipality is a training pair: the same case or not, its rival computed as the
worker does (`case_match.rivals`). Evidence is made by the production code (the worker's
masker, `features_of`, `pair_features`), so the features are the ones the worker computes.

The model is logistic over the features and their pairwise products (standardised, L2
with C = `C`): a retelling is told by combinations (close in words *and* closer than the
next best candidate; shared details *without* a conflict), which one weight per feature
cannot say. Validation leaves one set out at a time (each set is other writers): pairwise
precision, recall and F1 of the candidate pairs per threshold, for the sets after the
first four (those four were in every fit before). The standardisation is folded into the
weights printed at the end; paste them into `case_match.py`. The shipped weights came from
the default sets on 2026-12-04: `real-all` and `real2`–`real14`, all but the holdout
`real15`. The validation scores the model's verdict alone: `case_match.compare` also
refuses a pair whose details only conflict.
"""

from __future__ import annotations

import argparse

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

from bench.eval.sets import HOLDOUT, NAMES, load
from domain.engine.case_match import (
    FEATURES,
    NEAR_DUPLICATE_JACCARD,
    RETELLING_MIN_COSINE,
    neighbour_holders,
    pair_features,
    rivals,
)
from domain.engine.evidence import Report, features_of
from privacy.deidentify import mask_fully

C = 0.1
THRESHOLDS = (0.6, 0.7, 0.8, 0.9)


def _sets(names: str) -> list[tuple[str, list]]:
    out = []
    for name in names.split(","):
        base, _, split = name.partition("-")
        assert base != HOLDOUT, f"{HOLDOUT} is the holdout: never fitted on"
        out.append((name, load(base, split or "test")))
    return out


def _pairs_of(reports: list) -> tuple[np.ndarray, np.ndarray]:
    """Every report against every earlier one of its municipality, in arrival order as the
    worker sees them, its rival the closest of the others and the holders of its rare words
    counted over all of them (the worker: over its candidates)."""
    evidence = [
        e for e, _ in features_of(
            [Report(mask_fully(r.text).text, r.language, r.municipality) for r in reports]
        )
    ]  # fmt: skip
    rows, labels = [], []
    for j, later in enumerate(reports):
        earlier = [i for i in range(j) if reports[i].municipality == later.municipality]
        cosines = [evidence[j].cosine(evidence[i]) for i in earlier]
        holders = neighbour_holders(evidence[j], [evidence[i] for i in earlier])
        for i, cosine, rival in zip(earlier, cosines, rivals(cosines), strict=True):
            features = pair_features(evidence[j], evidence[i], cosine, rival, holders=holders)
            rows.append([features[name] for name in FEATURES])
            labels.append(int(reports[i].case == later.case))
    return np.array(rows), np.array(labels)


def _model() -> Pipeline:
    return make_pipeline(
        PolynomialFeatures(2, include_bias=False),
        StandardScaler(),
        LogisticRegression(C=C, max_iter=20000),
    )


def _chosen(x: np.ndarray, probabilities: np.ndarray, threshold: float) -> np.ndarray:
    """As `case_match.compare` decides: a resubmission, or a retelling close enough."""
    cosine, jaccard = x[:, FEATURES.index("cosine")], x[:, FEATURES.index("jaccard")]
    retelling = (probabilities >= threshold) & (cosine >= RETELLING_MIN_COSINE)
    return retelling | (jaccard >= NEAR_DUPLICATE_JACCARD)


def _folded(model: Pipeline) -> tuple[float, list[float], list[list[float]]]:
    """The fitted model as `case_match` evaluates it: intercept, one weight per feature and
    an upper-triangular matrix of weights of the products."""
    poly, scaler, logistic = (model.steps[n][1] for n in range(3))
    weights = logistic.coef_[0] / scaler.scale_
    intercept = float(logistic.intercept_[0] - np.sum(weights * scaler.mean_))
    n = len(FEATURES)
    linear = [0.0] * n
    products = [[0.0] * n for _ in range(n)]
    for weight, powers in zip(weights, poly.powers_, strict=True):
        used = [i for i in range(n) for _ in range(powers[i])]
        if len(used) == 1:
            linear[used[0]] = float(weight)
        else:
            products[used[0]][used[1]] = float(weight)
    return intercept, linear, products


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    default = ",".join(f"{n}-all" if n == "real" else n for n in reversed(NAMES[1:-1]))
    parser.add_argument("--sets", default=default)
    sets = [(name, *_pairs_of(reports)) for name, reports in _sets(parser.parse_args().sets)]
    pairs = sum(len(y) for _, _, y in sets)
    same = sum(int(y.sum()) for _, _, y in sets)
    print(f"{len(sets)} sets, {pairs} pairs in one municipality, {same} the same case\n")
    print("| left out | " + " | ".join(f"P/R/F1 at {t}" for t in THRESHOLDS) + " |")
    print("|---|" + "---:|" * len(THRESHOLDS))
    for k, (name, x, y) in enumerate(sets):
        if k < 4:
            continue
        model = _model().fit(
            np.vstack([s[1] for s in sets if s[0] != name]),
            np.concatenate([s[2] for s in sets if s[0] != name]),
        )
        probabilities = model.predict_proba(x)[:, 1]
        cells = []
        for threshold in THRESHOLDS:
            chosen = _chosen(x, probabilities, threshold)
            tp = int((chosen & (y == 1)).sum())
            precision, recall = tp / max(int(chosen.sum()), 1), tp / max(int(y.sum()), 1)
            f1 = 2 * precision * recall / max(precision + recall, 1e-9)
            cells.append(f"{precision:.3f} / {recall:.3f} / {f1:.3f}")
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    model = _model().fit(np.vstack([s[1] for s in sets]), np.concatenate([s[2] for s in sets]))
    intercept, linear, products = _folded(model)
    print(f"\nINTERCEPT = {intercept:.4f}")
    print("WEIGHTS = (" + ", ".join(f"{w:.4f}" for w in linear) + ")")
    print("PRODUCT_WEIGHTS = (")
    for i, row in enumerate(products):
        print("    (" + ", ".join(f"{w:.4f}" for w in row[i:]) + "),")
    print(")")


if __name__ == "__main__":
    main()
