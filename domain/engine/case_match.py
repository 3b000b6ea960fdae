"""The verdict on a candidate pair, with the evidence that made it.

Three ways to be the same case (`duplicates` says why each exists):

1. a mechanical resubmission: MinHash Jaccard of character shingles ≥ NEAR_DUPLICATE_JACCARD;
2. a shared identifier hash (BSN, phone, e-mail, IBAN, full name) in reports that are about
   the same things (weighted concept cosine ≥ IDENTIFIER_MIN_COSINE, or a shared detail
   other than a place);
3. a retelling, within one municipality: the probability from a logistic model over what
   the two reports share (`pair_features`) and the pairwise products of those signals is at
   least RETELLING_THRESHOLD, and they are about the same things (concept cosine at least
   RETELLING_MIN_COSINE). Among the features, `margin`: how much closer the newer report is
   to this candidate than to its next best candidate in the municipality, for a near-twin of
   the same mechanism is about as close as the case itself, and a retelling is usually
   closer to its own case than to any twin. The products let the model say what one weight
   per signal cannot: close in words *and* closer than the next best; shared details
   *without* a conflict, rare words shared *and* shared by no other candidate. Fitted by
   `bench/eval/fit_case_match.py` with its default sets (the fourteen written apart from
   the engine before `real15`, `real`–`real14`: 6,173 reports, 96,254 earlier-later pairs in
   one municipality, 2,292 the same case). Leaving one of `real5`–`real14` out at a time,
   its pairs at 0.8 reach P 0.92–0.99 at R 0.46–0.69. On `real13` and `real14`, which the
   weights before (fitted on the twelve sets before `real13`) never saw, leaving each out
   gives P 0.989 R 0.632 and P 0.971 R 0.482 where those weights gave P 0.989 R 0.611 and
   the same; on `real15` (fitted on by neither) P 0.942 R 0.439 against P 0.939 R 0.419.

A `Link` says which way, how strongly, and what was shared, in words staff can check.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from scipy import sparse

from domain.engine.concepts import shared_rare
from domain.engine.details import conflicting, shared_details, specificity
from domain.engine.duplicates import CaseEvidence
from domain.engine.minhash import estimated_jaccard
from domain.engine.themes import only_a_name

NEAR_DUPLICATE_JACCARD = 0.42
# One person may report two situations: a shared identifier makes one case only when the two
# are about the same things, closer than a report usually is to an unrelated neighbour (the
# 75th percentile of that cosine is 0.19 on the sets fitted on; see RIVAL_FLOOR), or share a
# detail. At 0.10 the real5 first run joined one person's DUO and toeslagen reports.
IDENTIFIER_MIN_COSINE = 0.2
RETELLING_THRESHOLD = 0.8
# A retelling is about the same things: below this concept cosine, shared numbers alone (a
# rent of € 980, a child of 6) are coincidence. On the dev split one true pair of 67 lies below.
RETELLING_MIN_COSINE = 0.10

# A rival is at least this close: a report's closest other report in its municipality that is
# not its case has a cosine of 0.12 at the median and 0.19 at the 75th percentile (the sets
# fitted on), so a pair without rivals is judged as if a usual one were there.
RIVAL_FLOOR = 0.2

FEATURES = (
    "grams", "told_before", "cosine", "rare", "specificity", "age_conflict", "amount_conflict",
    "density", "many_details", "jaccard", "languages_differ", "margin", "exclusive",
)  # fmt: skip
# Fitted by bench/eval/fit_case_match.py (see the module docstring): one weight per
# feature, and per pair of features (row i holds features i..n-1) a weight of their product.
INTERCEPT = -5.9999
WEIGHTS = (
    8.8342, 0.6727, 10.9864, -0.2803, 0.9829, -0.8311, -0.5588, 1.2437, -0.6372, 17.1671, 0.4058, 7.6527, 0.2498,
)  # fmt: skip
PRODUCT_WEIGHTS: tuple[tuple[float, ...], ...] = (
    (-2.0682, 0.8998, -21.8161, -0.0703, -0.2478, -3.0079, -5.6970, 3.4406, -0.8989, -0.8223, -0.1826, -2.5321, 0.7756),
    (0.6727, 1.1480, -0.1075, 0.2953, -0.2574, 0.7395, -1.7803, 0.4486, -5.0649, -1.1800, 1.5536, 0.0735),
    (-11.6113, -0.1375, 3.8008, -3.6978, 4.0239, 2.6526, 1.1606, 22.8412, 5.6072, -14.3014, 0.4326),
    (0.0090, -0.0701, -0.0175, 0.0451, -0.5745, 0.0302, -1.2421, -0.0559, 0.6381, 0.0006),
    (0.1284, 1.1361, -1.3415, -0.1077, 0.5855, -2.7400, 0.4327, -1.1149, 0.0851),
    (-0.8311, -0.2401, -3.1999, -0.3481, -6.6377, -0.0277, 1.7821, 0.0952),
    (-0.5588, 5.6017, -0.1125, -3.7723, 0.9656, -0.6712, 0.0471),
    (0.0709, 2.0082, -0.1229, 1.5015, 5.0259, 0.2269),
    (-0.5252, -1.4012, -0.6046, 1.4013, 0.0328),
    (9.6893, -0.9361, -16.0457, 0.5894),
    (0.4058, 0.1229, 0.0478),
    (2.3706, -0.0840),
    (-0.0318,),
)  # fmt: skip


def _product_matrix() -> np.ndarray:
    """PRODUCT_WEIGHTS as an upper-triangular matrix Q: the products' term is f·Q·f."""
    n = len(FEATURES)
    matrix = np.zeros((n, n))
    for i, row in enumerate(PRODUCT_WEIGHTS):
        matrix[i, i:] = row
    return matrix


_LINEAR = np.asarray(WEIGHTS, dtype=np.float64)
_PRODUCTS = _product_matrix()


@dataclass(frozen=True)
class Link:
    """A verdict. What the two reports share, in words staff read, is worked out when first
    asked for (`as_evidence`): a batch verifies tens of thousands of pairs, and only each
    report's strongest link is shown."""

    same: bool
    strength: float
    by: str = ""  # RESUBMISSION, IDENTIFIER, RETELLING
    identifiers: int = 0
    pair: tuple[CaseEvidence, CaseEvidence] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def _shared(self) -> tuple[list[str], list[str]]:
        return _explained(*self.pair) if self.pair is not None else ([], [])

    @property
    def shared_details(self) -> list[str]:
        return self._shared[0]

    @property
    def shared_terms(self) -> list[str]:
        return self._shared[1]

    def as_evidence(self, other_id: str) -> dict[str, object]:
        """What staff see on the report: with which report, why, and what was shared."""
        return {
            "with": other_id, "by": self.by, "strength": round(self.strength, 3),
            "details": self.shared_details, "terms": self.shared_terms,
            "identifiers": self.identifiers,
        }  # fmt: skip


def pair_features(
    a: CaseEvidence,
    b: CaseEvidence,
    cosine: float | None = None,
    rival: float = 0.0,
    jaccard: float | None = None,
    holders: Mapping[str, int] | None = None,
) -> dict[str, float]:
    """What the two share; `rival` is the concept cosine of the newer report `a` with its
    closest *other* candidate in its municipality (0 if none; counted as at least
    RIVAL_FLOOR): a retelling is usually closer to its own case than to any near-twin of the
    same mechanism, so `margin` says how much closer `b` is than the next best. `holders`:
    for each rare concept of `a`, how many of its candidates in its municipality hold it too
    (`neighbour_holders`; `b` among them): `exclusive` weighs the rare concepts the pair
    shares by how few others share them — a near-twin shares the mechanism's words with every
    twin, a retelling its own case's words with nobody else."""
    cosine = a.cosine(b) if cosine is None else cosine
    shared_rare_keys = a.rare.keys() & b.rare.keys()
    shared = shared_details(a.details, b.details)
    conflicts = conflicting(a.details, b.details)
    spec = sum(specificity(d) for d in shared)
    ga, gb = a.rare_grams, b.rare_grams
    fewest = min(len(a.details), len(b.details))
    return {
        "grams": len(ga & gb) / math.sqrt(len(ga) * len(gb)) if ga and gb else 0.0,
        "told_before": float(a.told_before or b.told_before),
        "cosine": cosine,
        "rare": sum(min(a.rare[k], b.rare[k]) for k in shared_rare_keys),
        "specificity": spec,
        "age_conflict": float(sum(1 for x, _ in conflicts if x.kind == "age")),
        "amount_conflict": float(sum(1 for x, _ in conflicts if x.kind == "amount")),
        "density": spec / max(1, fewest),
        "many_details": math.log1p(fewest),
        "jaccard": estimated_jaccard(a.signature, b.signature) if jaccard is None else jaccard,
        "languages_differ": float(a.language != b.language),
        "margin": cosine - max(rival, RIVAL_FLOOR),
        "exclusive": sum(
            min(a.rare[k], b.rare[k]) / (holders.get(k, 1) if holders else 1)
            for k in shared_rare_keys
        ),
    }


def neighbour_holders(a: CaseEvidence, neighbours: Sequence[CaseEvidence]) -> Counter[str]:
    """For each rare concept of `a`, how many of `neighbours` hold it (see `pair_features`)."""
    return Counter(k for b in neighbours for k in a.rare.keys() & b.rare.keys())


def _only_conflicts(features: dict[str, float]) -> bool:
    """Details that conflict (another amount, another age) and none shared: not a retelling,
    however alike the wording. Of the 27,943 such pairs in the sets fitted on, 49 are the same
    case; the model, seeing no neighbours (a pair on its own), can weigh "told before" and a
    shared story above the conflict."""
    conflicts = features["amount_conflict"] + features["age_conflict"]
    return conflicts >= 1 and features["specificity"] == 0


def probability(features: dict[str, float]) -> float:
    f = np.fromiter((features[name] for name in FEATURES), np.float64, len(FEATURES))
    z = INTERCEPT + float(_LINEAR @ f) + float(f @ _PRODUCTS @ f)
    return 1.0 / (1.0 + math.exp(-max(z, -60.0)))  # a very unlike pair: 0, not an overflow


def _explained(a: CaseEvidence, b: CaseEvidence) -> tuple[list[str], list[str]]:
    shared = shared_details(a.details, b.details)
    details = [d.label() for d in shared if d.kind != "place"]
    places = [d.value for d in shared if d.kind == "place"]
    terms = [t for t in shared_rare(a.concepts, b.concepts) if not only_a_name(t)][:6]
    return details + [f"plaats {p}" for p in places], terms


def compare(
    a: CaseEvidence,
    b: CaseEvidence,
    cosine: float | None = None,
    rival: float = 0.0,
    jaccard: float | None = None,
    holders: Mapping[str, int] | None = None,
) -> Link:
    """The verdict on the newer report `a` and candidate `b` (`rival` and `holders`: see
    `pair_features`; `cosine` and `jaccard`, when given, as `verify_pairs` computes them for
    many pairs)."""
    if jaccard is None:
        jaccard = estimated_jaccard(a.signature, b.signature)
    if jaccard >= NEAR_DUPLICATE_JACCARD:
        return Link(True, jaccard, "RESUBMISSION", len(a.digests & b.digests), (a, b))
    same_identifier = len(a.digests & b.digests)
    if same_identifier:
        cosine = a.cosine(b)
        facts = [d for d in shared_details(a.details, b.details) if d.kind != "place"]
        if cosine >= IDENTIFIER_MIN_COSINE or facts:
            return Link(True, max(0.9, cosine), "IDENTIFIER", same_identifier, (a, b))
    if not a.municipality or a.municipality != b.municipality:
        return Link(False, jaccard)
    cosine = a.cosine(b) if cosine is None else cosine
    if cosine < RETELLING_MIN_COSINE:
        return Link(False, cosine)  # most candidates end here, before the costlier features
    features = pair_features(a, b, cosine, rival, jaccard, holders)
    p = probability(features)
    if p < RETELLING_THRESHOLD or _only_conflicts(features):
        return Link(False, p)
    return Link(True, p, "RETELLING", pair=(a, b))


def same_case(a: CaseEvidence, b: CaseEvidence) -> tuple[bool, float]:
    """(verdict, strength) for a pair on its own (no other candidates)."""
    link = compare(a, b)
    return link.same, link.strength


def verify_pairs(pairs: Sequence[tuple[CaseEvidence, CaseEvidence]]) -> list[Link]:
    """The verdicts on (newer report, candidate) pairs, each newer report with all of its
    candidates in the list: each pair's rival is the newer report's best cosine with its other
    candidates in its municipality (`rivals`). The cosines and Jaccards of all pairs are
    computed at once (`pair_cosines`, `pair_jaccards`): a batch has tens of thousands."""
    same_place = [bool(a.municipality) and a.municipality == b.municipality for a, b in pairs]
    cosines = pair_cosines(pairs, same_place)
    jaccards = pair_jaccards(pairs)
    of_member: dict[int, list[int]] = {}
    for n, (a, _) in enumerate(pairs):
        of_member.setdefault(id(a), []).append(n)
    rival = [0.0] * len(pairs)
    holders: list[Counter[str] | None] = [None] * len(pairs)
    for positions in of_member.values():
        for n, value in zip(positions, rivals([cosines[n] for n in positions]), strict=True):
            rival[n] = value
        a = pairs[positions[0]][0]
        counted = neighbour_holders(a, [pairs[n][1] for n in positions if same_place[n]])
        for n in positions:
            holders[n] = counted
    return [
        compare(a, b, cosines[n], rival[n], jaccards[n], holders[n])
        for n, (a, b) in enumerate(pairs)
    ]


def pair_cosines(
    pairs: Sequence[tuple[CaseEvidence, CaseEvidence]], wanted: Sequence[bool]
) -> list[float | None]:
    """`CaseEvidence.cosine` of each wanted pair (None for the others), as one sparse product:
    each report's concepts are read once, not once per pair it is in. Equal to the pairwise
    cosine up to the rounding of the last bits."""
    rows: dict[int, int] = {}
    evidence: list[CaseEvidence] = []
    for (a, b), want in zip(pairs, wanted, strict=True):
        if want:
            for e in (a, b):
                if id(e) not in rows:
                    rows[id(e)] = len(evidence)
                    evidence.append(e)
    if not evidence:
        return [None] * len(pairs)
    vocabulary: dict[str, int] = {}
    indptr, indices, values = [0], [], []
    for e in evidence:
        norm = e.norm
        for key, weight in e.concepts.items():
            indices.append(vocabulary.setdefault(key, len(vocabulary)))
            values.append(weight / norm)
        indptr.append(len(indices))
    matrix = sparse.csr_matrix(
        (np.asarray(values, dtype=np.float64), indices, indptr),
        shape=(len(evidence), max(1, len(vocabulary))),
    )
    chosen = [n for n, want in enumerate(wanted) if want]
    left = matrix[[rows[id(pairs[n][0])] for n in chosen]]
    right = matrix[[rows[id(pairs[n][1])] for n in chosen]]
    products = np.asarray(left.multiply(right).sum(axis=1)).ravel()
    out: list[float | None] = [None] * len(pairs)
    for n, value in zip(chosen, products.tolist(), strict=True):
        out[n] = value
    return out


def pair_jaccards(
    pairs: Sequence[tuple[CaseEvidence, CaseEvidence]], chunk: int = 4096
) -> list[float]:
    """`estimated_jaccard` of each pair, compared a chunk of signatures at a time."""
    out: list[float] = []
    for start in range(0, len(pairs), chunk):
        part = pairs[start : start + chunk]
        left = np.stack([a.signature for a, _ in part])
        right = np.stack([b.signature for _, b in part])
        same = np.count_nonzero(left == right, axis=1)
        out += (same / float(left.shape[1])).tolist()
    return out


def rivals(cosines: Sequence[float | None]) -> list[float]:
    """For one newer report's candidates (their cosines; None for another municipality), each
    candidate's rival: the best cosine among the *other* candidates (0 if none)."""
    top = sorted((c for c in cosines if c is not None), reverse=True)[:2]
    out = []
    for cosine in cosines:
        if cosine is None or not top:
            out.append(0.0)
        elif cosine >= top[0]:
            out.append(top[1] if len(top) > 1 else 0.0)
        else:
            out.append(top[0])
    return out
