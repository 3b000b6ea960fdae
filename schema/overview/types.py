"""The periodic overview as staff and municipalities read it (hidden small counts are null)."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from domain.overview import Figures, Table
from schema.policy import MUNICIPALITY, STAFF, policy


@policy(STAFF, MUNICIPALITY)
@strawberry.type(description="Een aantal per sleutel; leeg als het te klein is om te tonen.")
class OverviewCount:
    key: str
    count: int | None


@policy(STAFF, MUNICIPALITY)
@strawberry.type
class OverviewTable:
    total: int | None
    counts: list[OverviewCount]

    @classmethod
    def of(cls, table: Table) -> OverviewTable:
        return cls(
            total=table.total,
            counts=[OverviewCount(key=k, count=v) for k, v in sorted(table.cells.items())],
        )


@policy(STAFF, MUNICIPALITY)
@strawberry.type(description="Thema's per niveau en element van het speelveld (VNG).")
class LevelElements:
    level: str
    elements: list[OverviewCount]


@policy(STAFF, MUNICIPALITY)
@strawberry.type
class ReferralOutcome:
    theme: str
    addressee: str
    status: str
    sent_at: datetime | None
    answered_at: datetime | None
    answer: str | None


@policy(STAFF, MUNICIPALITY)
@strawberry.type(description="De cijfers van één gemeente, of van het hele land.")
class OverviewFigures:
    municipality: str | None
    reports: int | None
    cases: int | None
    reporters: int | None
    by_law: OverviewTable
    by_problem_type: OverviewTable
    by_municipality: OverviewTable | None = strawberry.field(
        description="Leeg voor een gemeente die de landelijke cijfers leest."
    )
    by_channel: OverviewTable
    by_reporter_role: OverviewTable
    monthly_cases: OverviewTable
    first_answer: OverviewTable = strawberry.field(
        description="Eerste antwoord: ON_TIME, LATE, OPEN_IN_TIME, OPEN_LATE."
    )
    survey: OverviewTable
    themes_by_level: list[LevelElements]
    referrals: list[OverviewCount] = strawberry.field(
        description="Doorverwijzingen: gemaakt, verstuurd, ontvangen, beantwoord, afgesloten."
    )
    median_days_to_answer: float | None
    answers: list[ReferralOutcome]

    @classmethod
    def of(cls, figures: Figures) -> OverviewFigures:
        return cls(
            municipality=figures.municipality,
            reports=figures.reports,
            cases=figures.cases,
            reporters=figures.reporters,
            by_law=OverviewTable.of(figures.by_law),
            by_problem_type=OverviewTable.of(figures.by_problem_type),
            by_municipality=OverviewTable.of(figures.by_municipality)
            if figures.by_municipality
            else None,
            by_channel=OverviewTable.of(figures.by_channel),
            by_reporter_role=OverviewTable.of(figures.by_reporter_role),
            monthly_cases=OverviewTable.of(figures.monthly_cases),
            first_answer=OverviewTable.of(figures.first_answer),
            survey=OverviewTable.of(figures.survey),
            themes_by_level=[
                LevelElements(
                    level=level,
                    elements=[OverviewCount(key=k, count=v) for k, v in sorted(cells.items())],
                )
                for level, cells in figures.themes_by_level.items()
            ],
            referrals=[OverviewCount(key=k, count=v) for k, v in figures.referrals.items()],
            median_days_to_answer=figures.median_days_to_answer,
            answers=[
                ReferralOutcome(
                    theme=a.theme,
                    addressee=a.addressee,
                    status=a.status,
                    sent_at=a.sent_at,
                    answered_at=a.answered_at,
                    answer=a.answer,
                )
                for a in figures.answers
            ],
        )


@policy(STAFF, MUNICIPALITY)
@strawberry.type(description="Het periodieke overzicht: de eigen cijfers en de landelijke.")
class Overview:
    start: date
    end: date
    small_counts_hidden_below: int
    scope: OverviewFigures = strawberry.field(
        description="De gevraagde gemeente (een gemeente: altijd de eigen), of het hele land."
    )
    national: OverviewFigures
