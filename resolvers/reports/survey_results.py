"""surveyResults (staff): what reporters said in the survey after their report ended, for
the periodic overview — counts per answer since a day, and how many asked to look again."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import strawberry
from tortoise import connections

from schema.enums import Satisfaction, Understood, WouldReportAgain
from schema.policy import STAFF, policy

_COUNTS = """
SELECT satisfaction, understood, would_report_again, asked_to_reopen, count(*) AS n
FROM survey_response WHERE created_at >= $1
GROUP BY 1, 2, 3, 4
"""


@policy(STAFF)
@strawberry.type
class AnswerCount:
    answer: str
    count: int


@policy(STAFF)
@strawberry.type(description="Antwoorden op de vragenlijst na afronding.")
class SurveyResults:
    since: date | None
    responses: int
    reopen_requested: int
    satisfaction: list[AnswerCount]
    understood: list[AnswerCount]
    would_report_again: list[AnswerCount]


def _counts(rows: list[dict[str, object]], column: str, values: list[str]) -> list[AnswerCount]:
    return [
        AnswerCount(
            answer=value,
            count=sum(int(str(r["n"])) for r in rows if r[column] == value),
        )
        for value in values
    ]


async def survey_results(since: date | None = None) -> SurveyResults:
    start = (
        datetime.combine(since, time(), tzinfo=UTC) if since else datetime(2000, 1, 1, tzinfo=UTC)
    )
    rows = await connections.get("default").execute_query_dict(_COUNTS, [start])
    return SurveyResults(
        since=since,
        responses=sum(int(r["n"]) for r in rows),
        reopen_requested=sum(int(r["n"]) for r in rows if r["asked_to_reopen"]),
        satisfaction=_counts(rows, "satisfaction", [s.value for s in Satisfaction]),
        understood=_counts(rows, "understood", [u.value for u in Understood]),
        would_report_again=_counts(rows, "would_report_again", [w.value for w in WouldReportAgain]),
    )
