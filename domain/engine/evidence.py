"""What a report offers the engine, computed once per report: its evidence and index keys."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from domain.engine.duplicates import CaseEvidence
from domain.engine.keys import case_keys
from domain.engine.minhash import band_keys, signature
from domain.engine.normalise import normalise
from domain.engine.topics import NOTHING_TICKED, Ticked, theme_vectors


@dataclass(frozen=True)
class Report:
    """A report as the engine reads it: masked text and what came with it."""

    masked_text: str
    language: str = "nl"
    municipality: str = ""
    digests: frozenset[bytes] = frozenset()
    ticked: Ticked = NOTHING_TICKED


def features_of(reports: Sequence[Report | str]) -> list[tuple[CaseEvidence, list[int]]]:
    """CPU work of a batch: normalised text, signature, theme vectors (one pass), keys."""
    items = [r if isinstance(r, Report) else Report(r) for r in reports]
    normalised = [normalise(r.masked_text) for r in items]
    languages = [r.language for r in items]
    out = []
    for report, text in zip(items, normalised, strict=True):
        evidence = CaseEvidence(
            report.masked_text, signature(text), language=report.language,
            municipality=report.municipality, digests=report.digests, normalised=text,
            ticked=report.ticked,
        )  # fmt: skip
        keys = sorted(set(band_keys(evidence.signature) + case_keys(evidence)))
        out.append((evidence, keys))
    topics = theme_vectors(
        normalised, languages, [e.concepts for e, _ in out], [r.ticked for r in items]
    )
    for i, (evidence, _) in enumerate(out):
        evidence.topic = topics[i]
    return out
