"""The satisfaction survey: open for 14 days after a report ended, then gone.

An unhappy answer with words of its own, or a flagged standard answer (the reporter does not
understand what was done with their report), asks staff to look again: the report shows as
"reopen requested" in their queue, with the answer as the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from vocabulary import Satisfaction, Understood

SURVEY_DAYS = 14
UNHAPPY = frozenset({Satisfaction.UNSATISFIED, Satisfaction.VERY_UNSATISFIED})


@dataclass(frozen=True)
class SurveyWindow:
    open: bool
    closes_at: datetime | None


def survey_window(closed_at: datetime | None, now: datetime) -> SurveyWindow:
    """Open from the moment the report ended until 14 days later; closed before and after."""
    if closed_at is None:
        return SurveyWindow(open=False, closes_at=None)
    closes = closed_at + timedelta(days=SURVEY_DAYS)
    return SurveyWindow(open=closed_at <= now < closes, closes_at=closes)


def asks_to_reopen(satisfaction: Satisfaction, understood: Understood, comment: str | None) -> bool:
    return (satisfaction in UNHAPPY and bool(comment)) or understood == Understood.NO
