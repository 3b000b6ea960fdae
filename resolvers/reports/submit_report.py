"""submitReport: take a report from a resident or professional, durably, then queue it.

The report and its processing job are written in one transaction (the outbox); the queue is
told after commit, and if Redis is down the sweep does it later. A success answer therefore
always means the report is stored and will be processed exactly once.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from typing import Annotated

import strawberry

from domain.errors import InputErrors, Refused, Throttled
from domain.intake_rules import REFUSAL_MESSAGE, formal_route, is_fraud_tip
from domain.labels import status_label
from domain.service_levels import first_answer_due, triage_due
from domain.urgency import help_numbers, urgency_from_text, urgent_message
from messaging.jobs import Job
from messaging.outbox import create_with_job
from models import Report
from privacy.masking import mask_personal_data
from privacy.rate_limit import LimiterUnavailable, client_key
from privacy.receipts import hash_receipt_async, new_receipt
from resolvers.errors import errors_as_data
from resolvers.validation import check_municipality, check_optional_free_text, check_text
from schema.context import Info
from schema.enums import (
    Channel,
    Domain,
    FormalRoute,
    OnBehalfRelation,
    ProblemType,
    ProfessionalField,
    ReporterRole,
    ReportStatus,
    UrgencyFlag,
)
from schema.errors import (
    InvalidInputError,
    ReportRefusedError,
    TemporarilyUnavailableError,
    ThrottledError,
)
from schema.policy import EVERYONE, policy
from vocabulary import ErrorCode
from vocabulary import ReporterRole as ReporterRoleEnum
from vocabulary import ReportStatus as ReportStatusEnum
from vocabulary import UrgencyFlag as UrgencyFlagEnum
from vocabulary.translations import N_, speaking, spoken, t

log = logging.getLogger(__name__)

TEXT_MIN, TEXT_MAX = 20, 10_000
MAX_TAGS = 8
SUPPORTED_LANGUAGES = {"nl", "en", "ar", "tr", "pl", "uk", "fy", "pap"}


@strawberry.input(description="Met wie u dit signaal mag delen.")
class ConsentInput:
    contact: bool = False
    share_with_municipality: bool = False
    include_in_referral: bool = strawberry.field(
        default=False,
        description="Een afgeschermd fragment mag mee in een doorverwijzing.",
    )


@strawberry.input(description="Een signaal namens iemand anders, met diens toestemming.")
class OnBehalfInput:
    relation: OnBehalfRelation
    consent_given: bool = strawberry.field(
        description="De persoon om wie het gaat heeft toestemming gegeven."
    )


@strawberry.input
class SubmitReportInput:
    text: str
    reporter_role: ReporterRole
    channel: Channel
    municipality: str = strawberry.field(description="CBS-code, bijvoorbeeld GM0363.")
    domains: list[Domain] = strawberry.field(default_factory=list)
    problem_types: list[ProblemType] = strawberry.field(default_factory=list)
    urgency_flags: list[UrgencyFlag] = strawberry.field(default_factory=list)
    professional_field: ProfessionalField | None = None
    language: str | None = strawberry.field(
        default=None,
        description="De taal van uw verhaal en van onze antwoorden (nl, en, …). Leeg: de taal "
        "van uw verzoek (Accept-Language), anders Nederlands.",
    )
    decision_date: date | None = None
    objection_filed: bool | None = None
    maatwerk_requested: bool | None = None
    escalated_before_to: str | None = strawberry.field(
        default=None, description="Professionals: eerder geëscaleerd, en naar wie?"
    )
    feedback_received_before: bool | None = None
    on_behalf: OnBehalfInput | None = None
    consent: ConsentInput | None = None
    anonymous: bool | None = strawberry.field(
        default=None,
        description="Ook met een account anoniem melden: u krijgt dan een bonnummer.",
    )


@policy(EVERYONE)
@strawberry.type(description="Wat u moet weten als uw signaal eigenlijk een bezwaar of klacht is.")
class FormalRouteNotice:
    route: FormalRoute
    message: str
    deadline: date | None


@policy(EVERYONE)
@strawberry.type
class ReportSubmitted:
    reference: strawberry.ID = strawberry.field(description="Kenmerk van het signaal.")
    status: ReportStatus
    status_label: str
    receipt: str | None = strawberry.field(
        description="Alleen bij anoniem melden, en maar één keer getoond. Bewaar het goed."
    )
    message: str
    formal_route: FormalRouteNotice | None
    personal_data_masked: bool = strawberry.field(
        description="Er stonden persoonsgegevens in de tekst; die schermen we af."
    )
    help_numbers: list[HelpNumberType] = strawberry.field(
        description="Bij gevaar nu: wie u meteen kunt bellen (112, 113, Veilig Thuis)."
    )


@policy(EVERYONE)
@strawberry.type(name="HelpNumber", description="Een hulpnummer voor wie nu in gevaar is.")
class HelpNumberType:
    name: str
    number: str
    when: str


SubmitReportResult = Annotated[
    ReportSubmitted
    | InvalidInputError
    | ReportRefusedError
    | ThrottledError
    | TemporarilyUnavailableError,
    strawberry.union("SubmitReportResult"),
]


def _validate(data: SubmitReportInput, today: date) -> tuple[str, str, str | None]:
    errors = InputErrors()
    text = check_text(
        errors, "text", data.text, minimum=TEXT_MIN, maximum=TEXT_MAX, label=N_("uw verhaal")
    )
    municipality = check_municipality(errors, "municipality", data.municipality)
    for field, values in (
        ("domains", data.domains),
        ("problemTypes", data.problem_types),
        ("urgencyFlags", data.urgency_flags),
    ):
        if len(values) > MAX_TAGS:
            errors.add(
                field, ErrorCode.TOO_LONG, t("Kies hoogstens {count} onderwerpen.", count=MAX_TAGS)
            )
    if data.decision_date and data.decision_date > today:
        errors.add(
            "decisionDate",
            ErrorCode.DATE_IN_FUTURE,
            t("De datum van het besluit ligt in de toekomst."),
        )
    if data.language is not None and data.language not in SUPPORTED_LANGUAGES:
        errors.add("language", ErrorCode.INVALID_VALUE, t("Deze taal kennen we (nog) niet."))
    if data.professional_field and data.reporter_role == ReporterRoleEnum.RESIDENT:
        errors.add(
            "professionalField",
            ErrorCode.INVALID_VALUE,
            t("Een vakgebied vult u alleen in als u als professional meldt."),
        )
    if data.on_behalf and not data.on_behalf.consent_given:
        errors.add(
            "onBehalf.consentGiven",
            ErrorCode.REQUIRED,
            t("Meldt u namens iemand? Vraag eerst toestemming aan die persoon."),
        )
    escalated_before_to = check_optional_free_text(
        errors,
        "escalatedBeforeTo",
        data.escalated_before_to,
        maximum=200,
        label=N_("waar u al was"),
    )
    errors.raise_if_any()
    return text, municipality, escalated_before_to


async def _check_submit_limit(info: Info, anonymous: bool) -> None:
    """Anonymous submissions count per (salted, short-lived hash of the) client address,
    identified ones per account."""
    services = info.context.services
    settings = services.settings
    viewer = info.context.viewer
    if anonymous or viewer is None:
        client = client_key(
            info.context.client_address, settings.receipt_pepper, settings.rate_limit_salt_seconds
        )
        limiter = services.submit_limiter
    else:
        client = client_key(viewer.subject, settings.receipt_pepper, 1 << 30)
        limiter = services.identified_submit_limiter
    try:
        if await limiter.take(client):
            return
        retry_after = await limiter.retry_after(client)
    except LimiterUnavailable as error:
        # Redis down: accepting the report matters more than the rate limit.
        log.warning("rate limiter unavailable: %s", type(error).__name__)
        return
    raise Throttled(
        t("U heeft veel signalen kort na elkaar gestuurd. Probeer het later opnieuw."),
        retry_after_seconds=retry_after,
    )


@errors_as_data
async def submit_report(info: Info, input: SubmitReportInput) -> SubmitReportResult:
    """Answers in the report's language when we speak it, else in the request's."""
    with speaking(input.language):
        return await _submit(info, input, language=input.language or spoken())


async def _submit(info: Info, input: SubmitReportInput, language: str) -> ReportSubmitted:
    services = info.context.services
    settings = services.settings
    viewer = info.context.viewer
    today = datetime.now(UTC).date()

    text, municipality, escalated_before_to = _validate(input, today)
    if is_fraud_tip(text):
        raise Refused(t(REFUSAL_MESSAGE), code=ErrorCode.NOT_A_FRAUD_HOTLINE)

    # Danger the text shows counts as if ticked: triage sees it, the reporter gets help now.
    flags = {UrgencyFlagEnum(u.value) for u in input.urgency_flags} | urgency_from_text(text)
    anonymous = viewer is None or bool(input.anonymous)
    await _check_submit_limit(info, anonymous)

    masked = mask_personal_data(text)
    route = formal_route(text, input.decision_date, today)
    receipt = new_receipt() if anonymous else None
    receipt_hash = await hash_receipt_async(receipt, settings.receipt_pepper) if receipt else None
    consent = input.consent or ConsentInput()

    report = Report(
        text=text,
        masked_text=masked.text,
        language=language,
        reporter_role=input.reporter_role,
        professional_field=input.professional_field,
        channel=input.channel,
        municipality_code=municipality,
        domains=[d.value for d in input.domains],
        problem_types=[p.value for p in input.problem_types],
        urgency_flags=sorted(f.value for f in flags),
        first_answer_due=first_answer_due(today, flags, settings.first_answer_working_days),
        triage_due=triage_due(today, flags, settings.triage_working_days),
        decision_date=input.decision_date,
        objection_filed=input.objection_filed,
        maatwerk_requested=input.maatwerk_requested,
        escalated_before_to=escalated_before_to,
        feedback_received_before=input.feedback_received_before,
        formal_route=route.route if route else None,
        anonymous=anonymous,
        reporter_subject=None if anonymous or viewer is None else viewer.subject,
        receipt_hash=receipt_hash,
        on_behalf=input.on_behalf is not None,
        on_behalf_relation=input.on_behalf.relation if input.on_behalf else None,
        consent_contact=consent.contact,
        consent_share_municipality=consent.share_with_municipality,
        consent_include_in_referral=consent.include_in_referral,
    )
    # With its durable job, in one statement; the drain completes the job when it processes it.
    await create_with_job(report, Job.PROCESS_REPORT, str(report.id), [str(report.id)])
    await services.queue.request_processing()

    helps = help_numbers(flags)
    message = (
        t(
            "Dank u wel. We hebben uw signaal ontvangen. Bewaar uw bonnummer: daarmee ziet u "
            "later wat er met uw signaal gebeurt. We kunnen het bonnummer niet opnieuw sturen."
        )
        if receipt
        else t("Dank u wel. We hebben uw signaal ontvangen. U ziet de voortgang als u inlogt.")
    )
    if helps:
        message = urgent_message(with_receipt=receipt is not None)
    return ReportSubmitted(
        reference=strawberry.ID(str(report.id)),
        status=ReportStatusEnum.RECEIVED,
        status_label=status_label(ReportStatusEnum.RECEIVED),
        receipt=receipt,
        message=message,
        formal_route=FormalRouteNotice(
            route=route.route, message=route.message, deadline=route.deadline
        )
        if route
        else None,
        personal_data_masked=masked.has_personal_data,
        help_numbers=[HelpNumberType(name=h.name, number=h.number, when=h.when) for h in helps],
    )
