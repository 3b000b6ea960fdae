"""Legal clocks: bezwaartermijn, beslistermijn, voorschot, Awb-klachtbehandeling.

A term that ends on a Saturday, Sunday or a generally recognised holiday (Algemene
termijnenwet) is extended to the next working day.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

OBJECTION_WEEKS = 6  # bezwaartermijn
DECISION_WEEKS = 8  # beslistermijn
ADVANCE_WEEKS = 4  # recht op voorschot
COMPLAINT_WEEKS = 6  # Awb-klachtbehandeling (+4 bij verdaging)


def easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


@cache
def holidays(year: int) -> frozenset[date]:
    sunday = easter(year)
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:  # on a Sunday, Koningsdag moves to Saturday the 26th
        kings_day = date(year, 4, 26)
    return frozenset(
        {
            date(year, 1, 1),
            sunday + timedelta(days=1),  # tweede paasdag
            kings_day,
            date(year, 5, 5),  # Bevrijdingsdag
            sunday + timedelta(days=39),  # Hemelvaartsdag
            sunday + timedelta(days=50),  # tweede pinksterdag
            date(year, 12, 25),
            date(year, 12, 26),
        }
    )


def next_working_day(day: date) -> date:
    while day.weekday() >= 5 or day in holidays(day.year):
        day += timedelta(days=1)
    return day


def term_end(start: date, weeks: int) -> date:
    """Last day of a term of `weeks` weeks that starts the day after `start`."""
    return next_working_day(start + timedelta(weeks=weeks))
