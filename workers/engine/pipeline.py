"""The whole engine in memory: the same functions the worker jobs use, without the database.

Benchmarks and the evaluation run this; `workers.process_report` runs the same steps with
PostgreSQL holding the band keys, groups and themes. Reports arrive one at a time:

1. features (normalise, MinHash signature, word vector, case details);
2. candidates through band keys only (never a scan), verified with `same_case`, grouped;
3. a new case is assigned to the nearest live theme, or left for discovery;
4. `discover()` clusters the waiting cases into proposed themes (ids never change after) and
   splits grown themes that fell apart.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from workers.engine.duplicates import (
    CANDIDATES_PER_KEY,
    MAX_CANDIDATES,
    CaseEvidence,
    UnionFind,
    same_case,
)
from workers.engine.features import from_sparse_dict, mean_row, to_sparse_dict, vectorise
from workers.engine.minhash import band_keys, detail_keys, signature
from workers.engine.normalise import normalise
from workers.engine.themes import (
    SPLIT_MIN_CASES,
    ThemeIndex,
    cluster,
    label_from_terms,
    split_parts,
    top_terms,
)


@dataclass
class ThemeState:
    theme_id: str
    centroid: dict[str, float]
    cases: int
    label: str = ""


@dataclass
class EngineStats:
    candidates_checked: int = 0
    duplicates_found: int = 0


@dataclass
class Engine:
    bands: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    evidence: list[CaseEvidence] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    groups: UnionFind = field(default_factory=UnionFind)
    themes: dict[str, ThemeState] = field(default_factory=dict)
    case_theme: dict[int, str] = field(default_factory=dict)  # canonical index -> theme id
    waiting: set[int] = field(default_factory=set)  # canonical cases without a theme
    index: ThemeIndex = field(default_factory=ThemeIndex)
    stats: EngineStats = field(default_factory=EngineStats)
    _ids: itertools.count = field(default_factory=itertools.count)

    @staticmethod
    def features(masked_text: str) -> tuple[str, CaseEvidence]:
        normalised = normalise(masked_text)
        return normalised, CaseEvidence(normalised, signature(normalised), vectorise([normalised]))

    def add(self, masked_text: str) -> int:
        """Process one report; returns its index."""
        normalised, evidence = self.features(masked_text)
        return self.add_features(normalised, evidence)

    def add_features(self, normalised: str, evidence: CaseEvidence) -> int:
        idx = len(self.evidence)
        self.evidence.append(evidence)
        self.texts.append(normalised)
        keys = band_keys(evidence.signature) + detail_keys(evidence.details)
        candidates: list[int] = []
        seen: set[int] = set()
        for key in keys:  # like the band-key index: the newest CANDIDATES_PER_KEY per key
            for other in reversed(self.bands[key][-CANDIDATES_PER_KEY:]):
                if other not in seen:
                    seen.add(other)
                    candidates.append(other)
            if len(candidates) >= MAX_CANDIDATES:
                break
        best: tuple[float, int] | None = None
        for other in candidates[:MAX_CANDIDATES]:
            self.stats.candidates_checked += 1
            verdict, strength = same_case(evidence, self.evidence[other])
            if verdict and (best is None or strength > best[0]):
                best = (strength, other)
        for key in keys:
            self.bands[key].append(idx)
        if best is not None:
            self.stats.duplicates_found += 1
            self.groups.union(best[1], idx)
            return idx
        self.groups.find(idx)
        assignment = self.index.nearest(evidence.vector)
        if assignment is not None:
            self._join(idx, assignment.theme_id)
        else:
            self.waiting.add(idx)
        return idx

    def _join(self, idx: int, theme_id: str) -> None:
        theme = self.themes[theme_id]
        merged = from_sparse_dict(theme.centroid) * theme.cases + self.evidence[idx].vector
        theme.centroid = to_sparse_dict(merged)
        theme.cases += 1
        self.case_theme[idx] = theme_id
        self._reload_index()

    def _reload_index(self) -> None:
        self.index.load([(t.theme_id, t.centroid) for t in self.themes.values()], None)

    def discover(self) -> list[str]:
        waiting = sorted(i for i in self.waiting if self.groups.find(i) == i)
        if len(waiting) < 2:
            return []
        vectors = sparse.vstack([self.evidence[i].vector for i in waiting]).tocsr()
        clusters = cluster(vectors)
        terms = top_terms([[self.texts[waiting[m]] for m in members] for members in clusters])
        created = []
        for members, cluster_terms in zip(clusters, terms, strict=True):
            created.append(
                self._propose([waiting[m] for m in members], label_from_terms(cluster_terms))
            )
        for theme_id in list(self.themes):
            created.extend(self._split(theme_id))
        self._reload_index()
        return created

    def _propose(self, cases: list[int], label: str = "") -> str:
        theme_id = f"theme-{next(self._ids)}"
        vectors = sparse.vstack([self.evidence[i].vector for i in cases]).tocsr()
        self.themes[theme_id] = ThemeState(
            theme_id, to_sparse_dict(mean_row(vectors)), len(cases), label
        )
        for i in cases:
            self.case_theme[i] = theme_id
            self.waiting.discard(i)
        return theme_id

    def _split(self, theme_id: str) -> list[str]:
        """A grown theme that fell apart keeps its largest part; the others are proposed."""
        cases = sorted(
            i for i, t in self.case_theme.items() if t == theme_id and self.groups.find(i) == i
        )
        if len(cases) < SPLIT_MIN_CASES:
            return []
        vectors = sparse.vstack([self.evidence[i].vector for i in cases]).tocsr()
        parts = split_parts(vectors)
        if not parts:
            return []
        theme = self.themes[theme_id]
        theme.centroid, theme.cases = to_sparse_dict(mean_row(vectors[parts[0]])), len(parts[0])
        return [self._propose([cases[m] for m in part]) for part in parts[1:]]

    def group_of(self, idx: int) -> int:
        return self.groups.find(idx)

    def theme_of(self, idx: int) -> str | None:
        return self.case_theme.get(self.groups.find(idx))

    def centroid_matrix(self) -> np.ndarray:  # pragma: no cover - diagnostics
        return self.index.matrix.toarray()
