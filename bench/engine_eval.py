"""Scoring a run of the engine on an evaluation set, beside simple baselines on the same input.

The engine's outcome is what it stored: each report's duplicate group and theme, and each
theme's label. Baselines see the same masked texts the engine saw.

- Duplicates: pairwise precision/recall/F1 against the labelled cases.
- Themes: ARI, V-measure and BCubed F1 against the labelled mechanisms, themes found,
  reports without a theme (each counts as a theme of its own in the scores), the share of
  English reports in their mechanism's theme, and a label check.
- Baselines, given the true number of themes k where they need it: char(3–5) TF-IDF with
  cosine average-linkage (the strong one), HDBSCAN on the same vectors (k not given), and
  datasketch MinHash LSH over character 5-shingles for duplicates.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from datasketch import MinHash, MinHashLSH
from sklearn.cluster import HDBSCAN, AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, v_measure_score

from bench.eval.sets import EvalReport
from bench.metrics import bcubed_f1, pairwise_prf
from domain.engine.duplicates import UnionFind

STOP_WORDS = {
    "de", "het", "een", "en", "van", "ik", "te", "dat", "die", "in", "is", "niet", "op", "aan",
    "met", "voor", "zijn", "er", "maar", "om", "ook", "als", "dan", "nog", "bij", "nu", "mijn",
    "the", "and", "of", "to", "a", "my", "for", "that", "with", "he", "she", "they",
}  # fmt: skip
PLACEHOLDER = re.compile(
    r"\[|\]|\b(persoon|naam|telefoonnummer|e-mailadres|bsn|iban|adres|postcode)\b"
)
HEADINGS = {"onderwerp", "betreft", "samenvatting", "situatie", "vraag", "toelichting"}
SIGNALS = {"naam", "bel", "bellen", "telefoon", "mail", "nummer", "geboren", "straat"}


@dataclass
class Outcome:
    """What the engine stored for the reports it accepted, in the set's order."""

    reports: list[EvalReport]
    groups: list[str | None]
    themes: list[str | None]
    labels: dict[str, str]
    masked: list[str]


@dataclass
class Scores:
    name: str
    precision: float | None = None
    recall: float | None = None
    f1: float | None = None
    ari: float | None = None
    v_measure: float | None = None
    bcubed: float | None = None
    themes: int | None = None
    unassigned: int | None = None


def _theme_labels(outcome: Outcome) -> list[str]:
    return [
        theme if theme is not None else f"unassigned:{n}" for n, theme in enumerate(outcome.themes)
    ]


def score_engine(name: str, outcome: Outcome) -> Scores:
    truth_cases = [r.case for r in outcome.reports]
    truth_themes = [r.theme for r in outcome.reports]
    predicted = _theme_labels(outcome)
    p, r, f1 = pairwise_prf(truth_cases, outcome.groups)
    return Scores(
        name, p, r, f1,
        adjusted_rand_score(truth_themes, predicted), v_measure_score(truth_themes, predicted),
        bcubed_f1(truth_themes, predicted),
        len({t for t in outcome.themes if t is not None}),
        sum(1 for t in outcome.themes if t is None),
    )  # fmt: skip


def write_outcome(path: Path, outcome: Outcome) -> None:
    """One line per report: what it is (case, mechanism, kind, language) and what the engine
    made of it (group, theme, the theme's label), to read the misses by."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for report, group, theme, masked in zip(
            outcome.reports, outcome.groups, outcome.themes, outcome.masked, strict=True
        ):
            row = {"id": report.id, "case": report.case, "mechanism": report.theme,
                   "kind": report.kind, "language": report.language, "group": group,
                   "theme": theme, "label": outcome.labels.get(theme or ""), "masked": masked}  # fmt: skip
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def english_in_place(outcome: Outcome) -> tuple[int, int]:
    """(English reports in the theme where most of their mechanism's reports are, English)."""
    by_theme: dict[str, Counter[str]] = defaultdict(Counter)
    for report, theme in zip(outcome.reports, outcome.themes, strict=True):
        if theme is not None:
            by_theme[theme][report.theme] += 1
    home: dict[str, str] = {}
    best: dict[str, int] = {}
    for theme, counts in by_theme.items():
        for mechanism, n in counts.items():
            if n > best.get(mechanism, 0):
                best[mechanism], home[mechanism] = n, theme
    english = [
        (r, t) for r, t in zip(outcome.reports, outcome.themes, strict=True) if r.language == "en"
    ]
    placed = sum(1 for r, t in english if t is not None and home.get(r.theme) == t)
    return placed, len(english)


def label_problems(label: str, names: set[str]) -> list[str]:
    words = [w for w in re.split(r"[\s·,]+", label.lower()) if w]
    problems = []
    if any(w in STOP_WORDS for w in words):
        problems.append("stop word")
    if PLACEHOLDER.search(label.lower()):
        problems.append("placeholder")
    if any(w in names for w in words):
        problems.append("name")
    if any(w in HEADINGS for w in words):
        problems.append("heading")
    if any(w in SIGNALS for w in words):
        problems.append("personal-data word")
    return problems


def person_names() -> set[str]:
    """Dutch first names and surnames (deduce's lists), without words that are also common
    Dutch words, to recognise a name in a theme label."""
    import deduce

    source = Path(deduce.__file__).parent / "data" / "lookup" / "src"

    def words(*parts: str) -> set[str]:
        path = source.joinpath(*parts)
        return {
            w.strip().lower() for w in path.read_text(encoding="utf-8").splitlines() if w.strip()
        }

    names = words("names", "lst_first_name", "items.txt") | words(
        "names", "lst_surname", "items.txt"
    )
    # deduce's three whitelists of words that are no names (common words, stop words and
    # medical or administrative terms such as "regeling").
    common = (
        words("whitelist", "lst_common_word", "items.txt")
        | words("whitelist", "lst_stop_word", "items.txt")
        | words("whitelist", "lst_medical_term", "items.txt")
    )
    return {n for n in names - common if " " not in n and len(n) > 2}


def label_check(outcome: Outcome, names: set[str]) -> tuple[int, int, list[str]]:
    used = {t for t in outcome.themes if t is not None}
    bad = [
        f"{outcome.labels[t]!r}: {', '.join(problems)}"
        for t in sorted(used)
        if (problems := label_problems(outcome.labels.get(t, ""), names))
    ]
    return len(bad), len(used), bad


def _char_vectors(texts: Sequence[str]) -> np.ndarray:
    """char(3–5) TF-IDF rows (dense: the baselines' clusterers want arrays)."""
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    return np.asarray(vectorizer.fit_transform(texts).todense())


def baseline_char_agglomerative(outcome: Outcome) -> Scores:
    k = len({r.theme for r in outcome.reports})
    vectors = _char_vectors(outcome.masked)
    labels = AgglomerativeClustering(n_clusters=k, metric="cosine", linkage="average").fit_predict(
        vectors
    )
    truth = [r.theme for r in outcome.reports]
    return Scores(
        "char(3-5) TF-IDF + cosine average-linkage, k given",
        ari=adjusted_rand_score(truth, labels), v_measure=v_measure_score(truth, labels),
        bcubed=bcubed_f1(truth, list(labels)), themes=k, unassigned=0,
    )  # fmt: skip


def baseline_hdbscan(outcome: Outcome) -> Scores:
    vectors = _char_vectors(outcome.masked)
    clusterer = HDBSCAN(min_cluster_size=3, metric="cosine", copy=True)  # pyright: ignore[reportArgumentType]
    labels = clusterer.fit_predict(vectors)
    predicted = [f"c{label}" if label >= 0 else f"noise{n}" for n, label in enumerate(labels)]
    truth = [r.theme for r in outcome.reports]
    return Scores(
        "HDBSCAN on the same vectors, k not given",
        ari=adjusted_rand_score(truth, predicted), v_measure=v_measure_score(truth, predicted),
        bcubed=bcubed_f1(truth, predicted), themes=len({label for label in labels if label >= 0}),
        unassigned=int(sum(1 for label in labels if label < 0)),
    )  # fmt: skip


def baseline_lsh(outcome: Outcome) -> Scores:
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    signatures = []
    for n, text in enumerate(outcome.masked):
        m = MinHash(num_perm=128)
        normalised = " ".join(text.lower().split())
        for i in range(max(len(normalised) - 4, 1)):
            m.update(normalised[i : i + 5].encode())
        signatures.append(m)
        lsh.insert(str(n), m)
    groups = UnionFind()
    for n, m in enumerate(signatures):
        for other in lsh.query(m):
            groups.union(n, int(str(other)))
    predicted = [groups.find(n) for n in range(len(outcome.masked))]
    p, r, f1 = pairwise_prf([x.case for x in outcome.reports], predicted)
    return Scores("datasketch MinHash LSH, char 5-shingles, threshold 0.5", p, r, f1)


def _fmt(value: float | int | None, digits: int = 3) -> str:
    if value is None:
        return "—"
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def report(title: str, outcome: Outcome, engine: Scores, names: set[str]) -> dict[str, object]:
    """Print the tables; return the figures (for the README and the comparisons)."""
    baselines = [baseline_char_agglomerative(outcome), baseline_hdbscan(outcome)]
    lsh = baseline_lsh(outcome)
    print(f"\n## {title}: {len(outcome.reports)} reports, "
          f"{len({r.theme for r in outcome.reports})} mechanisms, "
          f"{sum(1 for c in Counter(r.case for r in outcome.reports).values() if c > 1)} "
          "duplicate groups\n")  # fmt: skip
    print("| duplicates (pairwise) | precision | recall | F1 |")
    print("|---|---:|---:|---:|")
    for s in (engine, lsh):
        print(f"| {s.name} | {_fmt(s.precision)} | {_fmt(s.recall)} | {_fmt(s.f1)} |")
    print("\n| themes | ARI | V-measure | BCubed F1 | themes | without a theme |")
    print("|---|---:|---:|---:|---:|---:|")
    for s in (engine, *baselines):
        print(f"| {s.name} | {_fmt(s.ari)} | {_fmt(s.v_measure)} | {_fmt(s.bcubed)} | "
              f"{_fmt(s.themes)} | {_fmt(s.unassigned)} |")  # fmt: skip
    placed, english = english_in_place(outcome)
    bad, labelled, examples = label_check(outcome, names)
    strong = baselines[0].ari or 0.0
    ratio = (engine.ari or 0.0) / strong if strong else float("nan")
    print(f"\nARI ratio engine / strong baseline: {ratio:.2f}")
    print(f"English reports in their mechanism's theme: {placed} of {english}")
    print(f"Labels with a stop word, name, placeholder, heading or personal-data word: "
          f"{bad} of {labelled}")  # fmt: skip
    for example in examples[:10]:
        print(f"  - {example}")
    return {
        "engine": engine.__dict__, "baselines": [b.__dict__ for b in baselines],
        "lsh": lsh.__dict__, "ari_ratio": ratio, "english_placed": placed,
        "english": english, "bad_labels": bad, "labels": labelled,
    }  # fmt: skip
