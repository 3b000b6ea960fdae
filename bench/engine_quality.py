"""Deduplication and theme quality of the engine on the labelled Dutch evaluation set,
side by side with off-the-shelf baselines run in the same command.

    make bench-engine     (or: python -m bench.engine_quality)

Duplicates: pairwise precision/recall/F1 against the labelled cases.
  engine   — MinHash-LSH band keys + case-detail keys, verified, union-find (workers/engine)
  baseline — datasketch MinHashLSH at its default settings over word sets
Themes: ARI, V-measure and BCubed F1 against the labelled themes.
  engine   — incremental nearest-centroid assignment + periodic discovery; the number of
             themes is NOT given to it
  baseline — TF-IDF + agglomerative clustering, GIVEN the true number of themes
Reports arrive in a fixed shuffled order, the way they would reach the worker.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

import numpy as np
from datasketch import MinHash, MinHashLSH
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, v_measure_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from domain.engine.pipeline import Engine  # noqa: E402

from bench.metrics import bcubed_f1, pairwise_prf  # noqa: E402
from domain.engine.duplicates import UnionFind  # noqa: E402
from privacy.pii import mask  # noqa: E402

EVAL_SET = ROOT / "bench" / "eval" / "eval_set_nl.jsonl"
DISCOVER_EVERY = 40
SEED = 7


def load() -> list[dict]:
    rows = [json.loads(line) for line in EVAL_SET.read_text(encoding="utf-8").splitlines() if line]
    random.Random(SEED).shuffle(rows)
    return rows


def run_engine(texts: list[str]) -> tuple[list[int], list[str], float]:
    engine = Engine()
    started = time.perf_counter()
    for n, text in enumerate(texts, 1):
        engine.add(text)
        if n % DISCOVER_EVERY == 0:
            engine.discover()
    engine.discover()
    elapsed = time.perf_counter() - started
    groups = [engine.group_of(i) for i in range(len(texts))]
    themes = [engine.theme_of(i) or f"unassigned-{engine.group_of(i)}" for i in range(len(texts))]
    return groups, themes, elapsed


def baseline_duplicates(texts: list[str]) -> list[int]:
    lsh = MinHashLSH()  # defaults: threshold 0.9, 128 permutations
    signatures = []
    for i, text in enumerate(texts):
        m = MinHash()
        for word in text.lower().split():
            m.update(word.encode("utf-8"))
        signatures.append(m)
        lsh.insert(str(i), m)
    groups = UnionFind()
    for i, m in enumerate(signatures):
        for other in lsh.query(m):
            groups.union(i, int(other))
    return [groups.find(i) for i in range(len(texts))]


def baseline_themes(texts: list[str], k: int) -> list[int]:
    matrix = TfidfVectorizer().fit_transform(texts).toarray()
    return list(AgglomerativeClustering(n_clusters=k).fit_predict(matrix))


def main() -> None:
    rows = load()
    texts = [mask(r["text"]) for r in rows]
    cases = [r["case"] for r in rows]
    themes = [r["theme"] for r in rows]
    k = len(set(themes))
    groups_true = sum(1 for c in set(cases) if cases.count(c) > 1)
    print(f"evaluation set: {len(rows)} reports, {k} themes, {len(set(cases))} cases, "
          f"{groups_true} duplicate groups\n")  # fmt: skip

    groups, engine_themes, elapsed = run_engine(texts)
    base_groups = baseline_duplicates(texts)
    base_themes = baseline_themes(texts, k)

    print("DUPLICATES (pairwise)            precision  recall     F1")
    for name, predicted in (("engine", groups), ("datasketch MinHashLSH default", base_groups)):
        p, r, f = pairwise_prf(cases, predicted)
        print(f"  {name:<30} {p:>9.3f} {r:>7.3f} {f:>6.3f}")
    print("\nTHEMES                              ARI  V-measure  BCubed F1  themes found")
    results = {}
    for name, predicted in (
        ("engine (k not given)", engine_themes),
        ("TF-IDF + agglomerative (k given)", base_themes),
    ):
        ari = adjusted_rand_score(themes, predicted)
        results[name] = ari
        found = len({t for t in predicted if not str(t).startswith("unassigned")})
        print(f"  {name:<32} {ari:>6.3f} {v_measure_score(themes, predicted):>10.3f} "
              f"{bcubed_f1(themes, predicted):>10.3f} {found:>13}")  # fmt: skip
    unassigned = sum(1 for t in engine_themes if t.startswith("unassigned"))
    ratio = results["engine (k not given)"] / max(results["TF-IDF + agglomerative (k given)"], 1e-9)
    print(f"\n  engine ARI / baseline ARI: {ratio:.2f} (target >= 2)")
    print(f"  reports left without a theme: {unassigned} of {len(rows)}")
    print(f"  engine time: {elapsed:.2f}s for {len(rows)} reports "
          f"({len(rows) / elapsed:.0f} reports/s incl. discovery)")  # fmt: skip
    _ = np


if __name__ == "__main__":
    main()
