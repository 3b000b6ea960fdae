"""What a report offers the engine, computed once per report: its evidence and index keys."""

from __future__ import annotations

from domain.engine.duplicates import CaseEvidence
from domain.engine.features import vectorise
from domain.engine.minhash import band_keys, detail_keys, signature
from domain.engine.normalise import normalise


def features_of(texts: list[str]) -> list[tuple[CaseEvidence, list[int]]]:
    """CPU work of a batch: normalised text, signature, word vectors (one pass), keys."""
    normalised = [normalise(t) for t in texts]
    vectors = vectorise(normalised)
    out = []
    for i, text in enumerate(normalised):
        evidence = CaseEvidence(text, signature(text), vectors[i])
        keys = sorted(set(band_keys(evidence.signature) + detail_keys(evidence.details)))
        out.append((evidence, keys))
    return out
