"""Is this the same case? The evidence a report offers, and the verdict on a candidate pair.

Candidates come from the band-key index (MinHash bands, and keys of a report's details,
rare words and identifier hashes within its municipality); `case_match` weighs a pair:

- a mechanical resubmission (typos, reordering, a greeting, personal data added) shares most
  of its character shingles: MinHash Jaccard ≥ `NEAR_DUPLICATE_JACCARD`;
- the same identifier (a BSN, phone number, e-mail, IBAN or full name, as a keyed hash) in a
  report about the same things is the same person's case;
- a retelling in other words (weeks later through another channel, or by a daughter or a
  wijkteam worker, or in English) shares the facts: amounts, ages, dates, places, the rare
  words of the case; a linear model over those signals, fitted on the evaluation set's dev
  split (`bench/eval/fit_case_match.py`), decides.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np
from scipy import sparse

from domain.engine.concepts import RARE_FLOOR, concepts
from domain.engine.details import Detail, case_details
from domain.engine.normalise import normalise
from domain.engine.topics import NOTHING_TICKED, Ticked, theme_vectors
from privacy.masking.lexicon import lexicon

# Candidate lookup: the newest reports under each key, and at most this many per report.
CANDIDATES_PER_KEY = 40
MAX_CANDIDATES = 200


# "Ik heb dit al eerder gemeld", "vervolg op", "Mevrouw belt terug", "ik schreef u eerder", "I
# reported this before": the writer says the case was told before (on normalised text: lower
# case, no punctuation). Seen in 43% of the later reports of a case in the sets written apart
# from the engine and in 7% of first reports (22% and 3.5% for the first list alone); the
# retelling model weighs it with the rest.
_REPORTED = (
    r"(?:meld\w*|gemeld|schreef|geschreven|gebeld|belde|gestuurd|stuurde|ingevuld|vulde"
    r"|doorgegeven|gemaild|mailde|ingediend)"
)
_TOLD_BEFORE = re.compile(
    r"\b(?:al eerder|al eens|nogmaals|opnieuw|weer contact|again"
    r"|before|earlier|previous|previously|follow[- ]up"
    r"|eerdere (?:melding|mail|e mail|bericht|klacht|brief)|mijn (?:vorige |eerste )?melding"
    r"|vorige (?:melding|mail|keer)|belt (?:terug|weer)|teruggebeld|terugbellen|belde (?:al |eerder )"
    r"|naar aanleiding van mijn|nav mijn|n a v mijn|aanvulling op|update|wederom|nog een keer"
    r"|zoals ik (?:al )?(?:eerder )?(?:schreef|meldde|zei|aangaf)"
    r"|i reported|i wrote to you|my report|last time|calling back|called back|as i mentioned"
    r"|following up|an update"
    r"|webmelding|melding (?:gedaan|gemaakt|ingediend)|vervolg|u ontving|ook geweest|nog steeds"
    rf"|(?:eerder|geleden|terug)(?: \w+){{0,4}}? {_REPORTED}|{_REPORTED}(?: \w+){{0,4}}? (?:eerder|geleden|terug)"
    r"|al (?:\w+ ){0,2}(?:gemeld|geschreven|gestuurd|ingevuld|doorgegeven|iets gemeld|iets gestuurd)"
    r")\b"
)


class CaseEvidence:
    """What a report offers for comparison; the costlier parts are computed when needed."""

    __slots__ = (
        "_concepts", "_details", "_norm", "_rare", "_rare_grams", "_told_before", "_topic",
        "digests", "language", "masked", "municipality", "normalised", "signature", "ticked",
    )  # fmt: skip

    def __init__(
        self,
        masked: str,
        signature: np.ndarray,
        *,
        language: str = "nl",
        municipality: str = "",
        digests: frozenset[bytes] = frozenset(),
        normalised: str | None = None,
        topic: sparse.csr_matrix | None = None,
        ticked: Ticked = NOTHING_TICKED,
    ) -> None:
        self.masked = masked
        self.normalised = normalise(masked) if normalised is None else normalised
        self.signature = signature
        self.language = language
        self.municipality = municipality
        self.digests = digests
        self._topic = topic
        self.ticked = ticked
        self._details: frozenset[Detail] | None = None
        self._concepts: Counter[str] | None = None
        self._norm: float | None = None
        self._rare: dict[str, float] | None = None
        self._rare_grams: frozenset[str] | None = None
        self._told_before: bool | None = None

    @property
    def topic(self) -> sparse.csr_matrix:
        """What the report is about (`topics`): the space theme centroids live in."""
        if self._topic is None:
            self._topic = theme_vectors(
                [self.normalised], [self.language], [self.concepts], [self.ticked]
            )
        return self._topic

    @topic.setter
    def topic(self, value: sparse.csr_matrix) -> None:
        self._topic = value

    @property
    def details(self) -> frozenset[Detail]:
        if self._details is None:
            self._details = case_details(self.masked, lexicon().places)
        return self._details

    @property
    def concepts(self) -> Counter[str]:
        if self._concepts is None:
            self._concepts = concepts(self.normalised, self.language)
        return self._concepts

    @property
    def norm(self) -> float:
        if self._norm is None:
            self._norm = math.sqrt(sum(v * v for v in self.concepts.values()))
        return self._norm

    def cosine(self, other: CaseEvidence) -> float:
        """Weighted concept cosine (`concepts.weighted_cosine`), norms computed once."""
        mine, theirs = self.concepts, other.concepts
        if not mine or not theirs:
            return 0.0
        if len(theirs) < len(mine):
            mine, theirs = theirs, mine
        dot = sum(v * theirs[k] for k, v in mine.items() if k in theirs)
        return dot / (self.norm * other.norm)

    @property
    def rare(self) -> dict[str, float]:
        """The concepts rare enough to point at a case (`concepts.shared_rare`'s floor): a
        pair's shared ones are the intersection of two small dicts, not of two Counters."""
        if self._rare is None:
            self._rare = {k: v for k, v in self.concepts.items() if v >= RARE_FLOOR}
        return self._rare

    @property
    def rare_grams(self) -> frozenset[str]:
        """4-grams of the rare concepts: "kinderopvangtoeslag" meets "kinderopvang"."""
        if self._rare_grams is None:
            rare = list(self.rare)
            self._rare_grams = frozenset(w[i : i + 4] for w in rare for i in range(len(w) - 3))
        return self._rare_grams

    @property
    def told_before(self) -> bool:
        """The writer says the case was told before ("ik heb dit al eerder gemeld"). Read once:
        it is asked for every candidate pair the report is in."""
        if self._told_before is None:
            self._told_before = bool(_TOLD_BEFORE.search(self.normalised))
        return self._told_before


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: int, b: int) -> int:
        """Join two sets; the smaller id (the earliest report) stays the root."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        root, child = (ra, rb) if ra < rb else (rb, ra)
        self.parent[child] = root
        return root
