"""Legal clocks: terms that end on a weekend or holiday run on to the next working day."""

from __future__ import annotations

from datetime import date

import pytest

from domain.deadlines import easter, holidays, next_working_day, term_end


@pytest.mark.parametrize(
    ("year", "sunday"),
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5))],
)
def test_easter(year: int, sunday: date) -> None:
    assert easter(year) == sunday


def test_koningsdag_on_a_sunday_moves_to_saturday() -> None:
    assert date(2025, 4, 26) in holidays(2025)  # 27 April 2025 is a Sunday
    assert date(2026, 4, 27) in holidays(2026)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 5, 9), date(2026, 5, 11)),  # Saturday -> Monday
        (date(2026, 4, 6), date(2026, 4, 7)),  # Tweede Paasdag
        (date(2026, 12, 25), date(2026, 12, 28)),  # both Kerstdagen, then the weekend
        (date(2026, 5, 5), date(2026, 5, 6)),  # Bevrijdingsdag, every year
        (date(2026, 3, 4), date(2026, 3, 4)),  # an ordinary Wednesday
    ],
)
def test_next_working_day(day: date, expected: date) -> None:
    assert next_working_day(day) == expected


def test_a_six_week_term_ending_on_a_holiday_runs_on() -> None:
    # Decision known on Monday 16 November 2026: six weeks end on Monday 28 December,
    # the day after Tweede Kerstdag? No: 28 December is a Monday and a working day.
    assert term_end(date(2026, 11, 16), 6) == date(2026, 12, 28)
    # Decision of Friday 13 November 2026: the term ends on Friday 25 December (Kerstmis),
    # runs over the weekend to Monday 28 December.
    assert term_end(date(2026, 11, 13), 6) == date(2026, 12, 28)
