"""The periodic overview ("Learn"): what came in, where it went and what it achieved, for
the raad, the rekenkamer, the VNG and the ombudsman.

Every figure is a SQL aggregate over the period's reports (never reports loaded into
Python), so a year of a million reports stays a handful of index scans. Counts of reports
are of distinct cases (a duplicate group counts once) unless named otherwise; every table of
cases carries the small-count suppression of `privacy.small_counts` (hidden cells are None).
Themes, referrals and their stages are not about one person and are shown as counted.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from tortoise import connections

from privacy.small_counts import suppress, suppress_table
from vocabulary import Domain, PlayingFieldElement, ProblemType

# Distinct cases without sorting a million keys: a report outside a duplicate group is a
# case of its own (a plain count); only grouped reports need a distinct count of their group.
_CASES = (
    "(count(*) FILTER (WHERE duplicate_group_id IS NULL)"
    " + count(DISTINCT duplicate_group_id) FILTER (WHERE duplicate_group_id IS NOT NULL))"
)
# Distinct reporters as the themes count them: an account once, an anonymous case once.
_REPORTERS = (
    "(count(DISTINCT reporter_subject) FILTER (WHERE reporter_subject IS NOT NULL)"
    " + count(*) FILTER (WHERE reporter_subject IS NULL AND duplicate_group_id IS NULL)"
    " + count(DISTINCT duplicate_group_id) FILTER (WHERE reporter_subject IS NULL"
    " AND duplicate_group_id IS NOT NULL))"
)
_SCOPE = "created_at >= $1 AND created_at < $2 AND ($3::text IS NULL OR municipality_code = $3)"
_MONTH = "date_trunc('month', created_at AT TIME ZONE 'Europe/Amsterdam')"

_TOTALS = f"""
SELECT count(*) AS reports, {_CASES} AS cases, {_REPORTERS} AS reporters
FROM report WHERE {_SCOPE}
"""


# Cases per key come from two queries whose counts add up: reports outside a duplicate group
# counted plainly (a hash aggregate, no sort), and the groups among the rest counted
# distinctly (few rows). One query with both would make PostgreSQL sort every report.
_UNGROUPED = "duplicate_group_id IS NULL"
_GROUPED = "duplicate_group_id IS NOT NULL"


def _by_list_sql(column: str, keys: list[str], part: str) -> str:
    """One scan for the cases per value of a list column (`domains ? 'WLZ'` per value is
    cheaper than unnesting every report's list)."""
    count = "count(*)" if part == _UNGROUPED else "count(DISTINCT duplicate_group_id)"
    columns = ", ".join(f'{count} FILTER (WHERE {column} ? {key!r}) AS "{key}"' for key in keys)
    return f"SELECT {columns} FROM report WHERE {_SCOPE} AND {part}"


def _by_columns_sql(part: str) -> str:
    """One scan for every breakdown by a column: a grouping set each."""
    count = "count(*)" if part == _UNGROUPED else "count(DISTINCT duplicate_group_id)"
    return f"""
SELECT municipality_code, channel::text AS channel, reporter_role::text AS reporter_role,
       {_MONTH} AS month, {count} AS n
FROM report WHERE {_SCOPE} AND {part}
GROUP BY GROUPING SETS ((municipality_code), (channel), (reporter_role), ({_MONTH}))
"""


_LAWS = [d.value for d in Domain]
_PROBLEMS = [p.value for p in ProblemType]
_CASE_QUERIES = {
    "law": [_by_list_sql("domains", _LAWS, part) for part in (_UNGROUPED, _GROUPED)],
    "problem": [_by_list_sql("problem_types", _PROBLEMS, part) for part in (_UNGROUPED, _GROUPED)],
    "columns": [_by_columns_sql(part) for part in (_UNGROUPED, _GROUPED)],
}
_FIRST_ANSWER = f"""
SELECT CASE
         WHEN answered_at IS NOT NULL AND (answered_at AT TIME ZONE 'Europe/Amsterdam')::date
              <= first_answer_due THEN 'ON_TIME'
         WHEN answered_at IS NOT NULL THEN 'LATE'
         WHEN first_answer_due < $4 THEN 'OPEN_LATE'
         ELSE 'OPEN_IN_TIME' END AS key,
       count(*) AS n
FROM report WHERE {_SCOPE} AND first_answer_due IS NOT NULL GROUP BY 1
"""
_THEMES = f"""
SELECT coalesce(t.bottleneck_level::text, 'UNTAGGED') AS level, e AS element,
       count(DISTINCT t.id) AS n
FROM theme t
LEFT JOIN LATERAL jsonb_array_elements_text(coalesce(t.elements, '[]'::jsonb)) e ON true
WHERE t.status <> 'MERGED' AND t.id IN (SELECT theme_id FROM report WHERE {_SCOPE})
GROUP BY 1, 2
"""
_REFERRALS = f"""
SELECT count(*) AS made, count(sent_at) AS sent, count(acknowledged_at) AS acknowledged,
       count(answered_at) AS answered, count(closed_at) AS closed,
       percentile_cont(0.5) WITHIN GROUP (
         ORDER BY extract(epoch FROM answered_at - sent_at) / 86400
       ) FILTER (WHERE answered_at IS NOT NULL AND sent_at IS NOT NULL) AS median_days
FROM referral WHERE theme_id IN (SELECT theme_id FROM report WHERE {_SCOPE})
"""
_ANSWERS = f"""
SELECT t.label AS theme, r.addressee::text AS addressee, r.status::text AS status,
       r.sent_at, r.answered_at, r.answer
FROM referral r JOIN theme t ON t.id = r.theme_id
WHERE r.theme_id IN (SELECT theme_id FROM report WHERE {_SCOPE})
ORDER BY r.sent_at DESC NULLS LAST LIMIT 50
"""
_SURVEY = """
SELECT s.satisfaction::text AS key, count(*) AS n
FROM survey_response s JOIN report r ON r.id = s.report_id
WHERE r.created_at >= $1 AND r.created_at < $2 AND ($3::text IS NULL OR r.municipality_code = $3)
GROUP BY 1
"""

LEVELS = ("PROFESSIONAL", "MUNICIPALITY", "NATIONAL", "UNTAGGED")
FIRST_ANSWER_KEYS = ("ON_TIME", "LATE", "OPEN_IN_TIME", "OPEN_LATE")
SATISFACTION_KEYS = ("VERY_SATISFIED", "SATISFIED", "NEUTRAL", "UNSATISFIED", "VERY_UNSATISFIED")


@dataclass(frozen=True)
class Table:
    """A count per key with its total, suppressed; `total` None when it is hidden too."""

    total: int | None
    cells: dict[str, int | None]


@dataclass(frozen=True)
class ReferralAnswer:
    theme: str
    addressee: str
    status: str
    sent_at: datetime | None
    answered_at: datetime | None
    answer: str | None


@dataclass(frozen=True)
class Figures:
    """The overview of one scope (a municipality, or the whole country) over a period."""

    municipality: str | None
    reports: int | None
    cases: int | None
    reporters: int | None
    by_law: Table
    by_problem_type: Table
    by_municipality: Table | None
    by_channel: Table
    by_reporter_role: Table
    monthly_cases: Table
    first_answer: Table
    survey: Table
    # Themes with reports in the period, by VNG level × element ("" = no element tagged).
    themes_by_level: dict[str, dict[str, int]] = field(default_factory=dict)
    referrals: dict[str, int] = field(default_factory=dict)
    median_days_to_answer: float | None = None
    answers: list[ReferralAnswer] = field(default_factory=list)


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The period as instants: from the start of `start` up to the end of `end`, Dutch time
    approximated by UTC midnights (a report at 00:30 on the 1st counts in the month before)."""
    return (
        datetime.combine(start, time(), tzinfo=UTC),
        datetime.combine(end + timedelta(days=1), time(), tzinfo=UTC),
    )


STEPS = 12  # queries per `figures` call: one progress step each


async def figures(
    start: date,
    end: date,
    *,
    municipality: str | None,
    threshold: int,
    with_municipalities: bool = True,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
) -> Figures:
    """Every figure of the overview for `municipality` (None: all), suppressed."""
    conn = connections.get("default")
    lower, upper = _bounds(start, end)
    scope = [lower, upper, municipality]
    step = progress or (lambda _: None)

    day = today or datetime.now(UTC).date()

    async def rows(name: str, sql: str, *extra: object) -> list[dict[str, Any]]:
        found = await conn.execute_query_dict(sql, [*scope, *extra])
        step(name)
        return found

    # Every query at once, each on its own pooled connection (outside a transaction).
    queries: dict[str, tuple[str, tuple[object, ...]]] = {
        "totalen": (_TOTALS, ()),
        "wet": (_CASE_QUERIES["law"][0], ()), "wet (dubbel)": (_CASE_QUERIES["law"][1], ()),
        "probleem": (_CASE_QUERIES["problem"][0], ()),
        "probleem (dubbel)": (_CASE_QUERIES["problem"][1], ()),
        "gemeente, kanaal, melder, maand": (_CASE_QUERIES["columns"][0], ()),
        "gemeente, kanaal, melder, maand (dubbel)": (_CASE_QUERIES["columns"][1], ()),
        "eerste antwoord": (_FIRST_ANSWER, (day,)),
        "vragenlijst": (_SURVEY, ()),
        "thema's": (_THEMES, ()), "doorverwijzingen": (_REFERRALS, ()), "antwoorden": (_ANSWERS, ()),
    }  # fmt: skip
    assert len(queries) == STEPS
    results = dict(zip(queries, await asyncio.gather(
        *(rows(name, sql, *extra) for name, (sql, extra) in queries.items())
    ), strict=True))  # fmt: skip

    totals = results["totalen"][0]
    cases = int(totals["cases"])

    def suppressed(cells: Mapping[str, int]) -> Table:
        total, shown = suppress_table(cases, cells, threshold)
        return Table(total, shown)

    def listed(name: str) -> dict[str, int]:
        plain, grouped = results[name][0], results[f"{name} (dubbel)"][0]
        return {k: int(plain[k]) + int(grouped[k]) for k in plain if plain[k] or grouped[k]}

    columns: dict[str, dict[str, int]] = {
        "municipality_code": {}, "channel": {}, "reporter_role": {}, "month": {}
    }  # fmt: skip
    for name in ("gemeente, kanaal, melder, maand", "gemeente, kanaal, melder, maand (dubbel)"):
        for row in results[name]:
            for column, counts in columns.items():
                value = row[column]
                if value is not None:
                    key = value.strftime("%Y-%m") if column == "month" else str(value)
                    counts[key] = counts.get(key, 0) + int(row["n"])
    by_law = suppressed(listed("wet"))
    by_problem = suppressed(listed("probleem"))
    by_municipality = suppressed(columns["municipality_code"]) if with_municipalities else None
    by_channel = suppressed(columns["channel"])
    by_role = suppressed(columns["reporter_role"])
    monthly = suppressed(columns["month"])

    def keyed(name: str) -> dict[str, int]:
        return {str(r["key"]): int(r["n"]) for r in results[name] if r["key"] is not None}

    answered = keyed("eerste antwoord")
    reports = int(totals["reports"])
    first_total, first_cells = suppress_table(
        reports, {key: answered.get(key, 0) for key in FIRST_ANSWER_KEYS}, threshold
    )
    survey_counts = keyed("vragenlijst")
    survey_total, survey_cells = suppress_table(
        sum(survey_counts.values()),
        {key: survey_counts.get(key, 0) for key in SATISFACTION_KEYS},
        threshold,
    )
    themes: dict[str, dict[str, int]] = {level: {} for level in LEVELS}
    for row in results["thema's"]:
        themes.setdefault(str(row["level"]), {})[str(row["element"] or "")] = int(row["n"])
    referral = results["doorverwijzingen"][0]
    answers = [
        ReferralAnswer(
            r["theme"], r["addressee"], r["status"], r["sent_at"], r["answered_at"], r["answer"]
        )
        for r in results["antwoorden"]
    ]
    median = referral["median_days"]
    return Figures(
        municipality=municipality,
        reports=suppress(reports, threshold),
        cases=suppress(cases, threshold),
        reporters=suppress(int(totals["reporters"]), threshold),
        by_law=by_law,
        by_problem_type=by_problem,
        by_municipality=by_municipality,
        by_channel=by_channel,
        by_reporter_role=by_role,
        monthly_cases=monthly,
        first_answer=Table(first_total, first_cells),
        survey=Table(survey_total, survey_cells),
        themes_by_level=themes,
        referrals={
            k: int(referral[k]) for k in ("made", "sent", "acknowledged", "answered", "closed")
        },
        median_days_to_answer=round(float(median), 1) if median is not None else None,
        answers=answers,
    )


ELEMENTS = tuple(e.value for e in PlayingFieldElement)
