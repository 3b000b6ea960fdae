"""The masker's cheap pre-checks skip a costly scan only where it cannot find anything.

A pre-check claims every match of its scan holds its cue (an "@" for an e-mail address, a
birth word for a birth date, a letter next to a digit for a street glued to its number).
Here each scan runs without its pre-check over the project's own texts rich in personal
data (the privacy probes and holdouts, an evaluation set, the unit cases), and every match
must hold the cue: a scan widened without its cue fails here when these texts hold what the
new alternative matches (add a case to `LEAKS` with each new alternative).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from privacy.masking import names, numbers
from tests.unit.test_masking import LEAKS

ROOT = Path(__file__).resolve().parents[2]
CORPORA = [
    "bench/privacy/probes.jsonl",
    "bench/privacy/holdout.jsonl",
    "bench/privacy/holdout2.jsonl",
    "bench/eval/real14/part1.jsonl",
    "bench/eval/real15/part1.jsonl",
    "bench/eval/real15/part2.jsonl",
    "bench/eval/real16/part1.jsonl",
    "bench/eval/real16/part2.jsonl",
]


def _texts() -> list[str]:
    texts = [text for text, _ in LEAKS]
    for corpus in CORPORA:
        with (ROOT / corpus).open(encoding="utf-8") as lines:
            texts += [json.loads(line)["text"] for line in lines if line.strip()]
    # The cue may sit anywhere in the match: upper case too.
    return texts + [text.upper() for text in texts]


TEXTS = _texts()


def _emails(text: str) -> Iterator[str]:
    for match in numbers._candidates(text):
        if numbers._accepted(match):
            yield match.group(0)


def _birth_dates(text: str) -> Iterator[str]:
    for pattern in (numbers._BIRTH, numbers._OWN_DATE):
        for match in pattern.finditer(text):
            yield match.group(0)


def _glued_streets(text: str) -> Iterator[str]:
    for match in names._GLUED_STREET.finditer(text):
        yield match.group(0)


CHECKS = [
    ("e-mail", _emails, numbers._AT_CUE, 100),
    ("birth date", _birth_dates, numbers._BIRTH_CUE, 100),
    ("glued street", _glued_streets, names._LETTER_DIGIT, 2),
]


@pytest.mark.parametrize(("kind", "scan", "cue", "at_least"), CHECKS, ids=[c[0] for c in CHECKS])
def test_every_match_of_a_scan_holds_its_pre_checks_cue(
    kind: str, scan: Callable[[str], Iterator[str]], cue: re.Pattern[str], at_least: int
) -> None:
    found = [(text, match) for text in TEXTS for match in scan(text)]
    missed = [(text, match) for text, match in found if not cue.search(match)]
    assert missed == [], f"{kind}: the pre-check would skip these"
    # The texts hold enough of them for the check to mean something.
    assert len(found) >= at_least, f"only {len(found)} {kind} match(es) in the texts"
