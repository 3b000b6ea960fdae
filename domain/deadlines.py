"""Legal clocks: bezwaar, beslissing op bezwaar, klachtbehandeling, voorschot, ombudsman.

The Algemene termijnenwet (Atw) in full for the terms it covers:
- art. 1: a term ending on a Saturday, Sunday or recognised holiday runs on to the next day
  that is none of those;
- art. 2: a term of three days or more holds at least two such working days;
- art. 3 lid 1: Nieuwjaarsdag, Tweede Paasdag, Koningsdag (the 26th when the 27th is a
  Sunday), 5 May every year, Hemelvaartsdag, Tweede Pinksterdag, both Kerstdagen (from the
  `holidays` package, public and optional categories); lid 2: Goede Vrijdag; lid 3: the days
  equated by decree, in `EQUATED_DAYS` with the decree that names them.

Every computed deadline carries its explanation in Dutch and English ("verschoven van vrijdag
15 mei naar maandag 18 mei: door het Rijk gelijkgestelde dag").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from babel.dates import format_date
from holidays import country_holidays

OBJECTION_WEEKS = 6  # bezwaartermijn (Awb 6:7), from the day after the decision was made known
OBJECTION_DECISION_WEEKS = 6  # beslissing op bezwaar (Awb 7:10), 12 with an advisory committee
OBJECTION_DECISION_COMMITTEE_WEEKS = 12
OBJECTION_DECISION_EXTENSION_WEEKS = 6  # at most, announced in writing
DECISION_WEEKS = 8  # beslistermijn on an application without a term of its own (Awb 4:13)
ADVANCE_WEEKS = 4  # recht op voorschot, where a law gives it
COMPLAINT_WEEKS = 6  # klachtbehandeling (Awb 9:11), 10 with a complaints committee
COMPLAINT_COMMITTEE_WEEKS = 10
COMPLAINT_EXTENSION_WEEKS = 4
OMBUDSMAN_YEARS = 1  # Awb 9:24: within a year after the organisation's complaint handling

_DECREE_2023 = "koninklijk besluit, art. 3 lid 3 Atw, dagen 2023–2025"
_DECREE_2026 = "koninklijk besluit, art. 3 lid 3 Atw, dagen 2026–2028"
# Days the Rijk equated with holidays by decree (about every three years a new decree; add
# its days here when it is published). Source: the project's domain reference; the decree's
# Staatsblad number is to be added when the table is next checked.
EQUATED_DAYS: dict[date, str] = {
    date(2023, 4, 28): _DECREE_2023,
    date(2023, 5, 19): _DECREE_2023,
    date(2024, 5, 10): _DECREE_2023,
    date(2024, 12, 27): _DECREE_2023,
    date(2025, 5, 30): _DECREE_2023,
    date(2026, 1, 2): _DECREE_2026,
    date(2026, 5, 15): _DECREE_2026,
    date(2027, 5, 7): _DECREE_2026,
    date(2028, 4, 28): _DECREE_2026,
    date(2028, 5, 26): _DECREE_2026,
}
# Names in the package that are Sundays anyway, or not Atw holidays.
_NOT_ATW = {"Easter Sunday", "Pentecost"}


@dataclass(frozen=True)
class ClosedDay:
    """Why a day is no working day in the sense of the Atw."""

    nl: str
    en: str


@dataclass(frozen=True)
class Deadline:
    day: date
    nominal: date  # where the term would end without the Atw
    explanation_nl: str
    explanation_en: str


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
def _calendar(year: int) -> dict[date, ClosedDay]:
    english = country_holidays("NL", years=year, categories=("public", "optional"))
    dutch = country_holidays("NL", years=year, categories=("public", "optional"), language="nl")
    out = {
        day: ClosedDay(str(dutch.get(day, name)).lower(), str(name))
        for day, name in english.items()
        if name not in _NOT_ATW
    }
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6 and date(year, 4, 26) not in out:
        out[date(year, 4, 26)] = ClosedDay("koningsdag", "King's Day")
    out.setdefault(date(year, 5, 5), ClosedDay("bevrijdingsdag", "Liberation Day"))
    out.setdefault(easter(year) - timedelta(days=2), ClosedDay("goede vrijdag", "Good Friday"))
    for day, decree in EQUATED_DAYS.items():
        if day.year == year:
            out[day] = ClosedDay(
                f"door het Rijk gelijkgestelde dag ({decree})",
                f"day equated with a holiday by the government ({decree})",
            )
    return out


def holidays(year: int) -> frozenset[date]:
    """The Atw's holidays and equated days of a year (weekends aside)."""
    return frozenset(_calendar(year))


def closed(day: date) -> ClosedDay | None:
    if day.weekday() == 5:
        return ClosedDay("zaterdag", "Saturday")
    if day.weekday() == 6:
        return ClosedDay("zondag", "Sunday")
    return _calendar(day.year).get(day)


def next_working_day(day: date) -> date:
    while closed(day) is not None:
        day += timedelta(days=1)
    return day


def _nl(day: date) -> str:
    return format_date(day, "EEEE d MMMM y", locale="nl")


def _en(day: date) -> str:
    return format_date(day, "EEEE d MMMM y", locale="en")


def statutory_term(start: date, *, weeks: int = 0, days: int = 0) -> Deadline:
    """A term that starts the day after `start`, with the Atw applied and explained."""
    nominal = start + timedelta(weeks=weeks, days=days)
    day = next_working_day(nominal)
    reasons = []
    probe = nominal
    while probe < day:
        if (why := closed(probe)) is not None:
            reasons.append(why)
        probe += timedelta(days=1)
    if weeks * 7 + days >= 3:  # art. 2: at least two working days in the term
        while sum(1 for n in range((day - start).days) if not closed(start + timedelta(n + 1))) < 2:
            day = next_working_day(day + timedelta(days=1))
    if day == nominal:
        return Deadline(
            day, nominal, f"termijn eindigt op {_nl(day)}", f"the term ends on {_en(day)}"
        )
    if not reasons or day > next_working_day(nominal):
        reasons.append(ClosedDay("minstens twee werkdagen in de termijn (art. 2)",
                                 "at least two working days in the term (art. 2)"))  # fmt: skip
    nl = ", ".join(dict.fromkeys(r.nl for r in reasons))
    en = ", ".join(dict.fromkeys(r.en for r in reasons))
    return Deadline(
        day,
        nominal,
        f"verschoven van {_nl(nominal)} naar {_nl(day)}: {nl} (Algemene termijnenwet)",
        f"moved from {_en(nominal)} to {_en(day)}: {en} (General Time Limits Act)",
    )


def term_end(start: date, weeks: int) -> date:
    """Last day of a term of `weeks` weeks that starts the day after `start`."""
    return statutory_term(start, weeks=weeks).day


def objection_deadline(made_known: date) -> Deadline:
    """Bezwaar: six weeks from the day after the decision was made known (Awb 6:7, 6:8)."""
    return statutory_term(made_known, weeks=OBJECTION_WEEKS)


def objection_decision_deadline(
    objection_term_end: date, *, advisory_committee: bool = False, extended: bool = False
) -> Deadline:
    """Beslissing op bezwaar: 6 (12 with an advisory committee) weeks from the end of the
    objection term, plus at most 6 weeks' extension (Awb 7:10)."""
    weeks = OBJECTION_DECISION_COMMITTEE_WEEKS if advisory_committee else OBJECTION_DECISION_WEEKS
    return statutory_term(
        objection_term_end, weeks=weeks + (OBJECTION_DECISION_EXTENSION_WEEKS if extended else 0)
    )


def complaint_deadline(
    received: date, *, complaints_committee: bool = False, extended: bool = False
) -> Deadline:
    """Klachtbehandeling: 6 (10 with a complaints committee) weeks from receipt, plus at most
    4 weeks' extension in writing (Awb 9:11)."""
    weeks = COMPLAINT_COMMITTEE_WEEKS if complaints_committee else COMPLAINT_WEEKS
    return statutory_term(received, weeks=weeks + (COMPLAINT_EXTENSION_WEEKS if extended else 0))


def advance_date(applied: date) -> Deadline:
    """The right to an advance, where a law gives it: four weeks after the application."""
    return statutory_term(applied, weeks=ADVANCE_WEEKS)


def ombudsman_deadline(complaint_handling_ended: date) -> Deadline:
    """The Nationale ombudsman need not investigate a petition filed more than one year after
    the organisation's complaint handling ended (Awb 9:24). A discretion, not a term the Atw
    extends: the date is given as is."""
    try:
        day = complaint_handling_ended.replace(year=complaint_handling_ended.year + OMBUDSMAN_YEARS)
    except ValueError:  # 29 February
        day = date(complaint_handling_ended.year + OMBUDSMAN_YEARS, 2, 28)
    return Deadline(
        day, day,
        f"een jaar na het einde van de klachtbehandeling: {_nl(day)}",
        f"one year after the complaint handling ended: {_en(day)}",
    )  # fmt: skip


def add_working_days(start: date, days: int) -> date:
    """The `days`-th working day after `start` (weekends, Atw holidays and equated days
    skipped): how Signaalpunt's own service levels count."""
    day = start
    for _ in range(days):
        day = next_working_day(day + timedelta(days=1))
    return day


def today_in_the_netherlands() -> date:
    """The calendar day in the Netherlands, where the terms are counted."""
    return datetime.now(ZoneInfo("Europe/Amsterdam")).date()
