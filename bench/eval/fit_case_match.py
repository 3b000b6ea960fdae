"""Fit the retelling model of `domain.engine.case_match`, and say how well it does under
cross-validation.

    python -m bench.eval.fit_case_match [--sets real-all,real2,real3,real4,real5]

By default only the realistic set's `dev` split is read. Sets named with `--sets` are read
instead: once a newer holdout exists (`real6`), the older sets have all been looked at and
may all be learned from; the holdout never is. Within each set, every report and each
earlier report of its municipality is a training pair: the same case or not, its rival
computed as the worker does (`case_match.rivals`). Evidence is made by the production code
(the worker's masker, `features_of`, `pair_features`), so the features are the ones the
worker computes. Cross-validation is grouped by report, five folds; pairwise and group
precision, recall and F1 are printed per threshold. Paste WEIGHTS and INTERCEPT into
`case_match.py`.
"""

from __future__ import annotations

import argparse

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from bench.eval.sets import HOLDOUT, load
from domain.engine.case_match import FEATURES, pair_features, rivals
from domain.engine.evidence import Report, features_of
from privacy.deidentify import mask_fully


def _groups_f1(pairs: list[tuple[str, str, int]], chosen: np.ndarray) -> tuple[float, float, float]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (a, b, _), yes in zip(pairs, chosen, strict=True):
        if yes:
            parent[find(a)] = find(b)
    tp = fp = fn = 0
    for a, b, y in pairs:
        same = find(a) == find(b)
        tp += same and y
        fp += same and not y
        fn += (not same) and y
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9)


def _sets(names: str) -> list[list]:
    out = []
    for name in names.split(","):
        base, _, split = name.partition("-")
        assert base != HOLDOUT, f"{HOLDOUT} is the holdout: never fitted on"
        out.append(load(base, split or "test"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sets", default="real-dev")
    rows, labels, pairs = [], [], []
    reports = []
    for reports_of_set in _sets(parser.parse_args().sets):
        evidence = [
            e for e, _ in features_of(
                [Report(mask_fully(r.text).text, r.language, r.municipality) for r in reports_of_set]
            )
        ]  # fmt: skip
        reports += reports_of_set
        # In arrival order, as the worker sees them: each report against every earlier one of
        # its municipality, its rival the closest of the others (the worker: of its candidates).
        for j, later in enumerate(reports_of_set):
            earlier = [i for i in range(j) if reports_of_set[i].municipality == later.municipality]
            cosines = [evidence[j].cosine(evidence[i]) for i in earlier]
            for i, cosine, rival in zip(earlier, cosines, rivals(cosines), strict=True):
                features = pair_features(evidence[j], evidence[i], cosine, rival)
                rows.append([features[name] for name in FEATURES])
                y = int(reports_of_set[i].case == later.case)
                labels.append(y)
                pairs.append((reports_of_set[i].id, later.id, y))
    x, y = np.array(rows), np.array(labels)
    groups = [hash(a) % 5 for a, _, _ in pairs]
    probs = np.zeros(len(y))
    for train, test in GroupKFold(5).split(x, y, groups):
        model = LogisticRegression(C=1.0, max_iter=5000).fit(x[train], y[train])
        probs[test] = model.predict_proba(x[test])[:, 1]
    print(
        f"{len(reports)} reports, {len(y)} pairs in one municipality, {int(y.sum())} the same case\n"
    )
    print("| threshold | pairwise P | pairwise R | groups P | groups R | groups F1 |")
    print("|---:|---:|---:|---:|---:|---:|")
    for threshold in (0.4, 0.5, 0.6, 0.7, 0.8):
        chosen = probs >= threshold
        tp = int((chosen & (y == 1)).sum())
        precision = tp / max(int(chosen.sum()), 1)
        recall = tp / max(int(y.sum()), 1)
        gp, gr, gf = _groups_f1(pairs, chosen)
        print(f"| {threshold} | {precision:.3f} | {recall:.3f} | {gp:.3f} | {gr:.3f} | {gf:.3f} |")
    model = LogisticRegression(C=1.0, max_iter=5000).fit(x, y)
    print("\nWEIGHTS = (" + ", ".join(f"{w:.3f}" for w in model.coef_[0]) + ")")
    print(f"INTERCEPT = {model.intercept_[0]:.3f}")


if __name__ == "__main__":
    main()
