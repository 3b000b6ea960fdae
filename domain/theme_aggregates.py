"""A theme's aggregates, recomputed from its own reports (never from the whole corpus).

Counts are of distinct cases (duplicate groups) and distinct reporters, never raw rows. An
identified reporter is their OIDC subject; anonymous reporters of one case count once, since
a resubmission by the same anonymous person cannot be told apart from them.
"""

from __future__ import annotations

from datetime import UTC, datetime

from tortoise.backends.base.client import BaseDBAsyncClient

from domain.engine.structural import ThemeEvidence, score
from models import Theme
from vocabulary import ThemeStatus

_CASE = "coalesce(duplicate_group_id::text, id::text)"
_REPORTER = f"coalesce('s:' || reporter_subject, 'c:' || {_CASE})"

_TOTALS = f"""
SELECT count(*) AS reports,
       count(DISTINCT {_CASE}) AS cases,
       count(DISTINCT {_REPORTER}) AS reporters,
       count(DISTINCT {_REPORTER}) FILTER (WHERE reporter_role = 'RESIDENT') AS residents,
       count(DISTINCT {_REPORTER}) FILTER (WHERE reporter_role <> 'RESIDENT') AS professionals,
       min(created_at) AS first_at,
       max(created_at) AS last_at
FROM report WHERE theme_id = $1
"""
_BY_MUNICIPALITY = f"""
SELECT municipality_code, count(DISTINCT {_CASE}) AS cases
FROM report WHERE theme_id = $1 GROUP BY municipality_code ORDER BY municipality_code
"""
_BY_MONTH = f"""
SELECT to_char(date_trunc('month', created_at), 'YYYY-MM') AS month,
       count(DISTINCT {_CASE}) AS cases
FROM report WHERE theme_id = $1 GROUP BY 1 ORDER BY 1
"""
_TAGS = """
SELECT 'domain' AS kind, d AS value FROM report, jsonb_array_elements_text(domains) d
WHERE theme_id = $1
UNION
SELECT 'problem' AS kind, p AS value FROM report, jsonb_array_elements_text(problem_types) p
WHERE theme_id = $1
"""


async def refresh_aggregates(theme: Theme, conn: BaseDBAsyncClient) -> Theme:
    """Recompute counts, tags, trend and structural score; bump the version. Caller saves."""
    theme_id = str(theme.id)
    totals = (await conn.execute_query_dict(_TOTALS, [theme_id]))[0]
    by_municipality = await conn.execute_query_dict(_BY_MUNICIPALITY, [theme_id])
    by_month = await conn.execute_query_dict(_BY_MONTH, [theme_id])
    tags = await conn.execute_query_dict(_TAGS, [theme_id])

    theme.report_count = totals["reports"]
    theme.case_count = totals["cases"]
    theme.reporter_count = totals["reporters"]
    theme.resident_reporter_count = totals["residents"]
    theme.professional_reporter_count = totals["professionals"]
    theme.first_report_at = totals["first_at"]
    theme.last_report_at = totals["last_at"]
    theme.municipality_case_counts = {r["municipality_code"]: r["cases"] for r in by_municipality}
    theme.municipality_codes = sorted(theme.municipality_case_counts)
    theme.monthly_case_counts = {r["month"]: r["cases"] for r in by_month}
    theme.domains = sorted(r["value"] for r in tags if r["kind"] == "domain")
    theme.problem_types = sorted(r["value"] for r in tags if r["kind"] == "problem")
    evidence = ThemeEvidence(
        case_count=theme.case_count,
        reporter_count=theme.reporter_count,
        resident_reporter_count=theme.resident_reporter_count,
        professional_reporter_count=theme.professional_reporter_count,
        municipality_count=len(theme.municipality_codes),
        monthly_case_counts=theme.monthly_case_counts,
        problem_types=theme.problem_types,
        staff_confirmed=theme.status == ThemeStatus.CONFIRMED,
        solution_level=theme.solution_level.value if theme.solution_level else None,
    )
    theme.structural_score, theme.structural_explanation = score(evidence, datetime.now(UTC))
    theme.version += 1
    return theme
