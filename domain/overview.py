"""The periodic overview ("Learn"): what came in, where it went and what it achieved, for
the raad, the rekenkamer, the VNG and the ombudsman.

Every figure is a SQL aggregate over the period's reports (never reports loaded into
Python), so a year of a million reports stays a handful of index scans. Counts of reports
are of distinct cases (a duplicate group counts once) unless named otherwise; every table of
cases carries the small-count suppression of `privacy.small_counts` (hidden cells are None).
Themes, referrals and their stages are not about one person and are shown as counted.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from tortoise import connections

from privacy.small_counts import suppress, suppress_table
from vocabulary import PlayingFieldElement

_CASE = "coalesce(duplicate_group_id::text, id::text)"
_REPORTER = f"coalesce('s:' || reporter_subject, 'c:' || {_CASE})"
_SCOPE = "created_at >= $1 AND created_at < $2 AND ($3::text IS NULL OR municipality_code = $3)"

_TOTALS = f"""
SELECT count(*) AS reports, count(DISTINCT {_CASE}) AS cases,
       count(DISTINCT {_REPORTER}) AS reporters
FROM report WHERE {_SCOPE}
"""
_BY_LIST = """
SELECT v AS key, count(DISTINCT {case}) AS n
FROM report, jsonb_array_elements_text({column}) v WHERE {scope} GROUP BY v
"""
_BY_COLUMN = (
    "SELECT {column}::text AS key, count(DISTINCT {case}) AS n FROM report WHERE {scope} GROUP BY 1"
)
_MONTHLY = f"""
SELECT to_char(date_trunc('month', created_at AT TIME ZONE 'Europe/Amsterdam'), 'YYYY-MM') AS key,
       count(DISTINCT {_CASE}) AS n
FROM report WHERE {_SCOPE} GROUP BY 1
"""
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

    async def table(sql: str, *extra: object) -> dict[str, int]:
        rows = await conn.execute_query_dict(sql, [*scope, *extra])
        return {str(r["key"]): int(r["n"]) for r in rows if r["key"] is not None}

    def by_list(column: str) -> str:
        return _BY_LIST.format(case=_CASE, column=column, scope=_SCOPE)

    def by_column(column: str) -> str:
        return _BY_COLUMN.format(case=_CASE, column=column, scope=_SCOPE)

    step("totalen")
    totals = (await conn.execute_query_dict(_TOTALS, scope))[0]
    cases = int(totals["cases"])

    def suppressed(cells: Mapping[str, int], keys: tuple[str, ...] = ()) -> Table:
        full = {key: 0 for key in keys} | dict(cells)
        total, shown = suppress_table(cases, full, threshold)
        return Table(total, shown)

    step("per wet en probleem")
    by_law = suppressed(await table(by_list("domains")))
    by_problem = suppressed(await table(by_list("problem_types")))
    step("per gemeente, kanaal en melder")
    by_municipality = (
        suppressed(await table(by_column("municipality_code"))) if with_municipalities else None
    )
    by_channel = suppressed(await table(by_column("channel")))
    by_role = suppressed(await table(by_column("reporter_role")))
    step("per maand")
    monthly = suppressed(await table(_MONTHLY))
    step("eerste antwoord")
    answered = await table(_FIRST_ANSWER, today or datetime.now(UTC).date())
    reports = int(totals["reports"])
    first_total, first_cells = suppress_table(
        reports, {key: answered.get(key, 0) for key in FIRST_ANSWER_KEYS}, threshold
    )
    step("vragenlijst")
    survey_counts = await table(_SURVEY)
    survey_total, survey_cells = suppress_table(
        sum(survey_counts.values()),
        {key: survey_counts.get(key, 0) for key in SATISFACTION_KEYS},
        threshold,
    )
    step("thema's en doorverwijzingen")
    themes: dict[str, dict[str, int]] = {level: {} for level in LEVELS}
    for row in await conn.execute_query_dict(_THEMES, scope):
        themes.setdefault(str(row["level"]), {})[str(row["element"] or "")] = int(row["n"])
    referral = (await conn.execute_query_dict(_REFERRALS, scope))[0]
    answers = [
        ReferralAnswer(
            r["theme"], r["addressee"], r["status"], r["sent_at"], r["answered_at"], r["answer"]
        )
        for r in await conn.execute_query_dict(_ANSWERS, scope)
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
