"""Themes for staff (full), and their aggregate-only form for municipalities and subscribers."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from models import Theme
from schema.bottlenecks.types import Norm
from schema.context import Info
from schema.enums import (
    BottleneckLevel,
    Domain,
    PlayingFieldElement,
    ProblemType,
    SolutionLevel,
    ThemeStatus,
)
from schema.feedback.types import FeedbackMessageType
from schema.pagination import Connection
from schema.policy import MUNICIPALITY, STAFF, policy
from schema.reports.types import MunicipalityCount, ReportType
from schema.shared_events import shared_event

if TYPE_CHECKING:
    from schema.referrals.types import ReferralType

ReferralRef = Annotated["ReferralType", strawberry.lazy("schema.referrals.types")]


@policy(STAFF)
@strawberry.type
class StructuralFactor:
    factor: str
    value: float
    weight: float
    contribution: float
    explanation: str


@policy(STAFF)
@strawberry.type
class MonthCount:
    month: str
    case_count: int


@policy(STAFF)
@strawberry.type
class TermWeight:
    term: str
    weight: float


def _terms(raw: list[Any]) -> list[TermWeight]:
    return [
        TermWeight(term=str(t[0]), weight=float(t[1]))
        if isinstance(t, list | tuple)
        else TermWeight(term=str(t), weight=0.0)
        for t in raw
    ]


@policy(STAFF)
@strawberry.type(name="Theme", description="Signalen over hetzelfde knellende mechanisme.")
class ThemeType:
    id: strawberry.ID
    label: str
    label_locked: bool
    status: ThemeStatus
    merged_into_id: strawberry.ID | None
    top_terms: list[TermWeight]
    excerpts: list[str] = strawberry.field(description="Afgeschermde, typerende fragmenten.")
    report_count: int
    case_count: int = strawberry.field(description="Verschillende situaties (dubbelen één keer).")
    reporter_count: int
    resident_reporter_count: int
    professional_reporter_count: int
    municipalities: list[MunicipalityCount]
    domains: list[Domain]
    problem_types: list[ProblemType]
    first_report_at: datetime | None
    last_report_at: datetime | None
    trend: list[MonthCount]
    solution_level: SolutionLevel | None
    bottleneck_level: BottleneckLevel | None
    elements: list[PlayingFieldElement]
    norms: list[Norm] = strawberry.field(description="Normen uit de Behoorlijkheidswijzer.")
    norms_version: str | None
    structural_score: float
    structural_explanation: list[StructuralFactor]
    version: int
    created_at: datetime
    updated_at: datetime
    model: strawberry.Private[Theme]

    @classmethod
    def from_model(cls, theme: Theme) -> ThemeType:
        return cls(
            id=strawberry.ID(str(theme.id)),
            label=theme.label,
            label_locked=theme.label_locked,
            status=theme.status,
            merged_into_id=strawberry.ID(str(theme.merged_into_id))
            if theme.merged_into_id
            else None,
            top_terms=_terms(theme.top_terms),
            excerpts=list(theme.excerpts),
            report_count=theme.report_count,
            case_count=theme.case_count,
            reporter_count=theme.reporter_count,
            resident_reporter_count=theme.resident_reporter_count,
            professional_reporter_count=theme.professional_reporter_count,
            municipalities=[
                MunicipalityCount(code=code, case_count=count)
                for code, count in sorted(theme.municipality_case_counts.items())
            ],
            domains=[d for d in theme.domains if d in Domain.__members__],
            problem_types=[p for p in theme.problem_types if p in ProblemType.__members__],
            first_report_at=theme.first_report_at,
            last_report_at=theme.last_report_at,
            trend=[
                MonthCount(month=m, case_count=c)
                for m, c in sorted(theme.monthly_case_counts.items())
            ],
            solution_level=theme.solution_level,
            bottleneck_level=theme.bottleneck_level,
            elements=[PlayingFieldElement(e) for e in theme.elements or []],
            norms=[Norm.of(int(n)) for n in theme.norms or []],
            norms_version=theme.norms_version,
            structural_score=theme.structural_score,
            structural_explanation=[
                StructuralFactor(
                    factor=str(f["factor"]),
                    value=float(f["value"]),
                    weight=float(f["weight"]),
                    contribution=float(f["contribution"]),
                    explanation=str(f["explanation"]),
                )
                for f in theme.structural_explanation
            ],
            version=theme.version,
            created_at=theme.created_at,
            updated_at=theme.updated_at,
            model=theme,
        )

    @strawberry.field
    async def reports(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> Connection[ReportType]:
        return await info.context.loaders.pages.reports_of_theme(
            self.model.id, ReportType.from_model, first, after
        )

    @strawberry.field
    async def referrals(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> Connection[ReferralRef]:
        from schema.referrals.types import ReferralType

        page = await info.context.loaders.theme_referrals.page(self.model.id, None, first, after)
        return page.map(ReferralType.from_model)

    @strawberry.field(description="Berichten aan alle melders van dit thema, oudste eerst.")
    async def messages(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> Connection[FeedbackMessageType]:
        page = await info.context.loaders.theme_messages.page(self.model.id, None, first, after)
        return page.map(FeedbackMessageType.from_model)


SUPPRESSED = (
    "Leeg als het aantal te klein is om te tonen, of als het samen met de andere getallen "
    "een te klein aantal zou verraden."
)


@shared_event
@policy(STAFF, MUNICIPALITY)
@strawberry.type(description="Een thema in cijfers, zonder tekst of persoonsgegevens.")
class ThemeSummary:
    theme_id: strawberry.ID
    version: int
    change: str
    label: str
    status: ThemeStatus
    top_terms: list[str]
    case_count: int | None = strawberry.field(description=SUPPRESSED)
    reporter_count: int | None = strawberry.field(description=SUPPRESSED)
    resident_reporter_count: int | None = strawberry.field(description=SUPPRESSED)
    professional_reporter_count: int | None = strawberry.field(description=SUPPRESSED)
    municipalities: list[MunicipalityCount]
    domains: list[Domain]
    problem_types: list[ProblemType]
    structural_score: float
    solution_level: SolutionLevel | None
    changed_at: datetime

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> ThemeSummary:
        return cls(
            theme_id=strawberry.ID(payload["themeId"]),
            version=payload["version"],
            change=payload["change"],
            label=payload["label"],
            status=payload["status"],
            top_terms=list(payload["topTerms"]),
            case_count=payload["caseCount"],
            reporter_count=payload["reporterCount"],
            resident_reporter_count=payload["residentReporterCount"],
            professional_reporter_count=payload["professionalReporterCount"],
            municipalities=[
                MunicipalityCount(code=m["code"], case_count=m["caseCount"])
                for m in payload["municipalities"]
            ],
            domains=[d for d in payload["domains"] if d in Domain.__members__],
            problem_types=[p for p in payload["problemTypes"] if p in ProblemType.__members__],
            structural_score=payload["structuralScore"],
            solution_level=payload["solutionLevel"],
            changed_at=datetime.fromisoformat(payload["changedAt"]),
        )
