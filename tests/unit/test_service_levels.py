"""Signaalpunt's own clocks: triage and first answer in working days, urgent shorter, and a
pause that moves a running clock on by the working days it lasted."""

from __future__ import annotations

from datetime import date

import pytest

from domain.service_levels import first_answer_due, resumed, triage_due, working_days_between
from vocabulary import UrgencyFlag

THURSDAY_BEFORE_EASTER = date(2026, 4, 2)  # Goede Vrijdag 3 April, Tweede Paasdag 6 April


def test_triage_counts_working_days_across_easter() -> None:
    assert triage_due(THURSDAY_BEFORE_EASTER, [], 2) == date(2026, 4, 8)
    assert first_answer_due(THURSDAY_BEFORE_EASTER, [], 5) == date(2026, 4, 13)


def test_urgent_is_triaged_the_same_day_and_answered_the_next_working_day() -> None:
    flags = [UrgencyFlag.EVICTION]
    assert triage_due(THURSDAY_BEFORE_EASTER, flags, 2) == THURSDAY_BEFORE_EASTER
    assert first_answer_due(THURSDAY_BEFORE_EASTER, flags, 5) == date(2026, 4, 7)


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (date(2026, 4, 2), date(2026, 4, 7), 1),  # Good Friday, the weekend, Easter Monday
        (date(2026, 4, 24), date(2026, 4, 28), 1),  # Koningsdag on Monday 27 April
        (date(2026, 12, 23), date(2026, 12, 28), 2),  # Christmas on Friday and Saturday
        (date(2026, 5, 4), date(2026, 5, 4), 0),
        (date(2026, 5, 8), date(2026, 5, 4), 0),  # an end before the start counts nothing
    ],
)
def test_working_days_between(start: date, end: date, days: int) -> None:
    assert working_days_between(start, end) == days


def test_a_pause_moves_the_clock_on_by_its_working_days() -> None:
    due = date(2026, 4, 8)
    # Waiting from Thursday 2 to Tuesday 7 April is one working day (the 7th).
    assert resumed(due, date(2026, 4, 2), date(2026, 4, 7)) == date(2026, 4, 9)
    assert resumed(due, date(2026, 4, 7), date(2026, 4, 7)) == due
    assert resumed(None, date(2026, 4, 2), date(2026, 4, 7)) is None
