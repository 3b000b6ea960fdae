"""When the survey is open, and which answers ask staff to look again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.survey import asks_to_reopen, survey_window
from vocabulary import Satisfaction, Understood

CLOSED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "is_open"),
    [
        (CLOSED - timedelta(seconds=1), False),
        (CLOSED, True),
        (CLOSED + timedelta(days=14) - timedelta(seconds=1), True),
        (CLOSED + timedelta(days=14), False),
    ],
)
def test_open_for_14_days_from_the_end(now: datetime, is_open: bool) -> None:
    window = survey_window(CLOSED, now)
    assert window.open is is_open and window.closes_at == CLOSED + timedelta(days=14)


def test_never_open_before_the_report_ended() -> None:
    assert survey_window(None, CLOSED).open is False


@pytest.mark.parametrize(
    ("satisfaction", "understood", "comment", "reopen"),
    [
        (Satisfaction.VERY_UNSATISFIED, Understood.YES, "Niemand belde terug.", True),
        (Satisfaction.UNSATISFIED, Understood.PARTLY, "Te traag.", True),
        (Satisfaction.UNSATISFIED, Understood.YES, None, False),  # unhappy, but no words
        (Satisfaction.SATISFIED, Understood.NO, None, True),  # the flagged standard answer
        (Satisfaction.NEUTRAL, Understood.PARTLY, "Prima.", False),
    ],
)
def test_unhappy_with_words_or_not_understood_asks_to_reopen(
    satisfaction: Satisfaction, understood: Understood, comment: str | None, reopen: bool
) -> None:
    assert asks_to_reopen(satisfaction, understood, comment) is reopen
