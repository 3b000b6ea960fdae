"""Legal clocks: terms that end on a weekend or holiday run on to the next working day."""

from __future__ import annotations

from datetime import date

import pytest

from domain.deadlines import (
    advance_date,
    complaint_deadline,
    easter,
    holidays,
    next_working_day,
    objection_deadline,
    objection_decision_deadline,
    ombudsman_deadline,
    statutory_term,
    term_end,
)


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


# Worked out by hand on a calendar; the comment gives the reasoning.
@pytest.mark.parametrize(
    ("made_known", "expected"),
    [
        # +6 weeks = Thu 14 May 2026 Hemelvaart, Fri 15 May equated by decree, weekend.
        (date(2026, 4, 2), date(2026, 5, 18)),
        # +6 weeks = Fri 26 Mar 2027 Goede Vrijdag, weekend, Mon 29 Mar Tweede Paasdag.
        (date(2027, 2, 12), date(2027, 3, 30)),
        # +6 weeks = Fri 2 Jan 2026, equated by decree, then the weekend.
        (date(2025, 11, 21), date(2026, 1, 5)),
        # +6 weeks = Tue 5 May 2026: Bevrijdingsdag counts every year, not only in lustrum years.
        (date(2026, 3, 24), date(2026, 5, 6)),
        # +6 weeks = Fri 7 May 2027, equated by decree.
        (date(2027, 3, 26), date(2027, 5, 10)),
        # +6 weeks = Wed 11 Mar 2026, an ordinary working day.
        (date(2026, 1, 28), date(2026, 3, 11)),
    ],
)
def test_the_objection_term_follows_the_algemene_termijnenwet(
    made_known: date, expected: date
) -> None:
    assert objection_deadline(made_known).day == expected


def test_a_short_term_holds_at_least_two_working_days() -> None:
    # Atw art. 2: three days from Thu 24 Dec 2026 end Sun 27 Dec; Mon 28 is the only working
    # day in it, so the term runs to Tue 29 Dec.
    assert statutory_term(date(2026, 12, 24), days=3).day == date(2026, 12, 29)
    # From Fri 6 Mar 2026: Sat, Sun, Mon 9 Mar; one working day, so Tue 10 Mar.
    assert statutory_term(date(2026, 3, 6), days=3).day == date(2026, 3, 10)


def test_decision_complaint_and_ombudsman_terms() -> None:
    # Objection term ended Mon 18 May 2026; advisory committee 12 + extension 6 weeks.
    assert objection_decision_deadline(
        date(2026, 5, 18), advisory_committee=True, extended=True
    ).day == date(2026, 9, 21)
    assert objection_decision_deadline(date(2026, 5, 18)).day == date(2026, 6, 29)
    # Complaint received Mon 2 Nov 2026, complaints committee: 10 weeks, Mon 11 Jan 2027.
    assert complaint_deadline(date(2026, 11, 2), complaints_committee=True).day == date(2027, 1, 11)
    # Without a committee but extended: 6 + 4 weeks, the same Monday.
    assert complaint_deadline(date(2026, 11, 2), extended=True).day == date(2027, 1, 11)
    # The ombudsman's year is a discretion, not moved off a Saturday.
    assert ombudsman_deadline(date(2026, 3, 13)).day == date(2027, 3, 13)
    assert advance_date(date(2026, 4, 9)).day == date(2026, 5, 7)


def test_a_moved_deadline_says_why() -> None:
    moved = objection_deadline(date(2026, 4, 3))
    assert moved.day == date(2026, 5, 18) and moved.nominal == date(2026, 5, 15)
    assert moved.explanation_nl.startswith(
        "verschoven van vrijdag 15 mei 2026 naar maandag 18 mei 2026: door het Rijk gelijkgestelde dag"
    )
    assert "Monday 18 May 2026" in moved.explanation_en
    plain = objection_deadline(date(2026, 1, 28))
    assert plain.explanation_nl == "termijn eindigt op woensdag 11 maart 2026"


def test_service_levels_count_working_days() -> None:
    from domain.service_levels import first_answer_due
    from vocabulary import UrgencyFlag

    # Received Thu 30 Apr 2026: Fri 1 May, then Mon 4, (Tue 5 May Bevrijdingsdag), Wed 6,
    # Thu 7, Fri 8 May is the fifth working day.
    assert first_answer_due(date(2026, 4, 30), [], 5) == date(2026, 5, 8)
    # Urgent: one working day; received Fri 24 Dec 2026, Christmas and the weekend: Mon 28.
    assert first_answer_due(date(2026, 12, 24), [UrgencyFlag.EVICTION], 5) == date(2026, 12, 28)
