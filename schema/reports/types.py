"""Reports as staff see them (masked by default) and as their reporter sees them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from domain import audit
from domain.errors import InvalidInput
from domain.survey import survey_window
from models import Report
from schema.context import Info
from schema.enums import (
    BottleneckLevel,
    Channel,
    Domain,
    FormalRoute,
    OnBehalfRelation,
    PlayingFieldElement,
    ProblemType,
    ProfessionalField,
    ReporterRole,
    ReportStatus,
    UrgencyFlag,
)
from schema.feedback.types import FeedbackMessageType
from schema.pagination import Connection
from schema.policy import EVERYONE, MUNICIPALITY, STAFF, policy
from schema.reports.evidence import LinkEvidence, ThemeLinkEvidence
from vocabulary import ErrorCode
from vocabulary.translations import speaking

if TYPE_CHECKING:
    from schema.themes.types import ThemeType

ThemeRef = Annotated["ThemeType", strawberry.lazy("schema.themes.types")]

MIN_REASON_LENGTH = 10


@policy(STAFF)
@strawberry.type
class Consent:
    contact: bool = strawberry.field(description="De melder mag benaderd worden.")
    share_with_municipality: bool
    include_in_referral: bool = strawberry.field(
        description="Een afgeschermd fragment mag in een doorverwijzing."
    )


@policy(STAFF)
@strawberry.type(name="Report", description="Een signaal, zoals medewerkers het zien.")
class ReportType:
    id: strawberry.ID
    created_at: datetime
    masked_text: str = strawberry.field(description="De tekst met persoonsgegevens afgeschermd.")
    language: str
    reporter_role: ReporterRole
    professional_field: ProfessionalField | None
    channel: Channel
    municipality: str
    domains: list[Domain]
    problem_types: list[ProblemType]
    urgency_flags: list[UrgencyFlag]
    decision_date: date | None
    objection_filed: bool | None
    maatwerk_requested: bool | None
    escalated_before_to: str | None
    formal_route: FormalRoute | None
    anonymous: bool
    on_behalf: bool
    on_behalf_relation: OnBehalfRelation | None
    consent: Consent
    status: ReportStatus
    processed: bool
    first_answer_due: date | None = strawberry.field(
        description="Uiterlijk deze dag krijgt de melder een eerste antwoord (servicenorm)."
    )
    answered_at: datetime | None = strawberry.field(
        description="Wanneer de melder voor het eerst antwoord kreeg."
    )
    model: strawberry.Private[Report]

    @classmethod
    def from_model(cls, report: Report) -> ReportType:
        return cls(
            id=strawberry.ID(str(report.id)),
            created_at=report.created_at,
            masked_text=report.masked_text,
            language=report.language,
            reporter_role=report.reporter_role,
            professional_field=report.professional_field,
            channel=report.channel,
            municipality=report.municipality_code,
            domains=list(report.domains),
            problem_types=list(report.problem_types),
            urgency_flags=list(report.urgency_flags),
            decision_date=report.decision_date,
            objection_filed=report.objection_filed,
            maatwerk_requested=report.maatwerk_requested,
            escalated_before_to=report.escalated_before_to,
            formal_route=report.formal_route,
            anonymous=report.anonymous,
            on_behalf=report.on_behalf,
            on_behalf_relation=report.on_behalf_relation,
            consent=Consent(
                contact=report.consent_contact,
                share_with_municipality=report.consent_share_municipality,
                include_in_referral=report.consent_include_in_referral,
            ),
            status=report.status,
            processed=report.processed_at is not None,
            first_answer_due=report.first_answer_due,
            answered_at=report.answered_at,
            model=report,
        )

    @strawberry.field(description="De melder vroeg om opnieuw te kijken (wanneer).")
    def reopen_requested_at(self) -> datetime | None:
        return self.model.reopen_requested_at

    @strawberry.field(description="Waarom de melder vroeg om opnieuw te kijken (afgeschermd).")
    def reopen_reason(self) -> str | None:
        return self.model.reopen_reason

    @strawberry.field(description="Het eerste antwoord aan de melder is te laat.")
    def overdue(self) -> bool:
        due = self.first_answer_due
        paused = self.model.waiting_since is not None
        late = due is not None and due < datetime.now(UTC).date()
        return self.answered_at is None and not paused and late

    @strawberry.field(description="Uiterlijk deze dag bekijkt een medewerker het signaal.")
    def triage_due(self) -> date | None:
        return self.model.triage_due

    @strawberry.field(description="Wanneer een medewerker het signaal bekeek.")
    def triaged_at(self) -> datetime | None:
        return self.model.triaged_at

    @strawberry.field(
        description="Sinds wanneer we op de melder wachten; de klokken staan dan stil."
    )
    def waiting_for_reporter_since(self) -> datetime | None:
        return self.model.waiting_since

    @strawberry.field(description="Niveau (VNG) dat medewerkers dit signaal gaven.")
    def bottleneck_level(self) -> BottleneckLevel | None:
        return self.model.bottleneck_level

    @strawberry.field(description="Elementen van het speelveld (VNG) bij dit signaal.")
    def elements(self) -> list[PlayingFieldElement]:
        return [PlayingFieldElement(e) for e in self.model.elements or []]

    @strawberry.field(description="Nummers van de normen (Behoorlijkheidswijzer) bij dit signaal.")
    def norms(self) -> list[int]:
        return [int(n) for n in self.model.norms or []]

    @strawberry.field(description="Welke servicenormen te laat zijn gevonden, en wanneer.")
    def breaches(self) -> ServiceLevelBreaches:
        return ServiceLevelBreaches(
            first_answer=self.model.first_answer_breached_at,
            triage=self.model.triage_breached_at,
        )

    @strawberry.field(
        description="De oorspronkelijke tekst. Alleen met een reden; elke inzage wordt gelogd. "
        "Leeg als de bewaartermijn voorbij is (zie anonymisedAt)."
    )
    async def original_text(self, info: Info, reason: str) -> str | None:
        viewer = info.context.viewer
        if viewer is None:  # the parent fields are staff-only; never answer without a reader
            raise PermissionError("Log in om het origineel te zien.")
        if len(reason.strip()) < MIN_REASON_LENGTH:
            raise InvalidInput.single(
                "reason",
                ErrorCode.TOO_SHORT,
                f"Geef een reden van minstens {MIN_REASON_LENGTH} tekens om het origineel te zien.",
            )
        if self.model.anonymised_at is not None:
            return None  # retention replaced the original by its masked text
        await audit.record(viewer, "report.original_read", "report", str(self.id), reason=reason)
        return self.model.text

    @strawberry.field(description="Waarom het bij zijn zaak hoort (leeg: het is de eerste).")
    def link_evidence(self) -> LinkEvidence | None:
        return LinkEvidence.of(self.model.link_evidence)

    @strawberry.field(description="Waarom het bij zijn thema hoort.")
    def theme_evidence(self) -> ThemeLinkEvidence | None:
        if self.model.theme_locked and self.model.theme_id is not None:
            return ThemeLinkEvidence.of({"by": "STAFF"})
        if self.model.theme_id is None:
            return None
        return ThemeLinkEvidence.of(self.model.theme_evidence)

    @strawberry.field(
        description="Wanneer het origineel en de contactgegevens zijn verwijderd (bewaartermijn)."
    )
    def anonymised_at(self) -> datetime | None:
        return self.model.anonymised_at

    @strawberry.field
    async def theme(self, info: Info) -> ThemeRef | None:
        from schema.themes.types import ThemeType

        if self.model.theme_id is None:
            return None
        theme = await info.context.loaders.theme_by_id.load(str(self.model.theme_id))
        return ThemeType.from_model(theme) if theme else None

    @strawberry.field(description="De andere meldingen van dezelfde situatie, oudste eerst.")
    async def duplicates(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> Connection[ReportType]:
        if self.model.duplicate_group_id is None:
            return Connection.empty()
        page = await info.context.loaders.duplicates.page(
            self.model.duplicate_group_id, self.model.id, first, after
        )
        return page.map(ReportType.from_model)

    @strawberry.field
    def duplicate_group_id(self) -> strawberry.ID | None:
        group = self.model.duplicate_group_id
        return strawberry.ID(str(group)) if group else None

    @strawberry.field(description="Dit is de eerste melding van de situatie.")
    async def is_canonical(self, info: Info) -> bool:
        if self.model.duplicate_group_id is None:
            return True
        group = await info.context.loaders.group_by_id.load(str(self.model.duplicate_group_id))
        return group is None or group.canonical_report_id == self.model.id

    @strawberry.field
    async def messages(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> Connection[FeedbackMessageType]:
        page = await info.context.loaders.report_messages.page(self.model.id, None, first, after)
        return page.map(FeedbackMessageType.from_model)


@policy(STAFF, MUNICIPALITY)
@strawberry.type(description="Een gemeente en het aantal situaties; kleine aantallen verborgen.")
class MunicipalityCount:
    code: str
    case_count: int | None = strawberry.field(
        description="Leeg als het aantal te klein is om te tonen."
    )


@policy(STAFF)
@strawberry.type(description="Wanneer de dagelijkse controle een servicenorm te laat vond.")
class ServiceLevelBreaches:
    first_answer: datetime | None
    triage: datetime | None


@policy(EVERYONE)
@strawberry.type(description="Of u de vragenlijst na afronding nog kunt invullen.")
class SurveyState:
    open: bool = strawberry.field(description="Waar: u kunt de vragenlijst nu invullen.")
    closes_at: datetime | None
    answered: bool


@policy(EVERYONE)
@strawberry.type(description="Uw signaal, zoals u het met uw bonnummer of account ziet.")
class ReporterView:
    submitted_at: datetime
    status: ReportStatus
    status_label: str
    masked_text: str
    formal_route: FormalRoute | None
    theme_label: str | None = strawberry.field(
        description="Het probleem waar uw signaal bij hoort, als we dat al weten."
    )
    reference: strawberry.ID = strawberry.field(
        description="Kenmerk van uw signaal (geen bonnummer)."
    )
    model: strawberry.Private[Report]
    language: strawberry.Private[str] = "nl"
    survey_answered: strawberry.Private[bool] = False

    @strawberry.field(description="De korte vragenlijst na afronding: 14 dagen open.")
    def survey(self) -> SurveyState:
        window = survey_window(self.model.closed_at, datetime.now(UTC))
        answered = self.survey_answered
        return SurveyState(
            open=window.open and not answered, closes_at=window.closes_at, answered=answered
        )

    @strawberry.field(description="Berichten aan u en aan alle melders van uw thema, oudste eerst.")
    async def messages(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> Connection[FeedbackMessageType]:
        page = await info.context.loaders.reporter_messages.page(
            self.model.id, self.model.theme_id, first, after
        )
        with speaking(self.language):
            return page.map(FeedbackMessageType.from_model)
