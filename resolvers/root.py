"""The root Query, Mutation and Subscription types: every field the API offers, with its
resolver and who may call it. `signaalpunt.graphql_schema` builds the schema from them."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from resolvers.abonnementen.create_abonnement import CreateAbonnementResult, create_abonnement
from resolvers.abonnementen.delete_abonnement import DeleteAbonnementResult, delete_abonnement
from resolvers.abonnementen.queries import abonnementen, notification_deliveries
from resolvers.abonnementen.resend_delivery import ResendDeliveryResult, resend_delivery
from resolvers.abonnementen.update_abonnement import UpdateAbonnementResult, update_abonnement
from resolvers.audit_queries import AuditEventType, audit_events
from resolvers.feedback.send_feedback import SendFeedbackResult, send_feedback
from resolvers.notes.add_internal_note import AddInternalNoteResult, add_internal_note
from resolvers.notes.queries import internal_notes
from resolvers.overview import overview
from resolvers.referrals.acknowledge_referral import AcknowledgeReferralResult, acknowledge_referral
from resolvers.referrals.answer_referral import AnswerReferralResult, answer_referral
from resolvers.referrals.approve_referral import ApproveReferralResult, approve_referral
from resolvers.referrals.close_referral import CloseReferralResult, close_referral
from resolvers.referrals.queries import partner_referrals, referral, referrals
from resolvers.referrals.refer_theme import ReferThemeResult, refer_theme
from resolvers.referrals.retry_delivery import RetryDeliveryResult, retry_delivery
from resolvers.reporter.answer_survey import AnswerSurveyResult, answer_survey
from resolvers.reporter.queries import ReceiptLookupResult, my_reports, report_by_receipt
from resolvers.reporter.reply_to_feedback import ReplyToFeedbackResult, reply_to_feedback
from resolvers.reporter.request_reopen import RequestReopenResult, request_reopen
from resolvers.reports.merge_duplicates import MergeDuplicatesResult, merge_duplicates
from resolvers.reports.move_report_to_theme import MoveReportToThemeResult, move_report_to_theme
from resolvers.reports.queries import report, reports
from resolvers.reports.set_report_status import SetReportStatusResult, set_report_status
from resolvers.reports.submit_report import SubmitReportResult, submit_report
from resolvers.reports.survey_results import SurveyResults, survey_results
from resolvers.reports.tag_report import TagReportResult, tag_report
from resolvers.reports.triage_queue import triage_queue
from resolvers.reports.unmerge_duplicate import UnmergeDuplicateResult, unmerge_duplicate
from resolvers.taxonomy import Taxonomy, taxonomy
from resolvers.themes.close_theme import CloseThemeResult, close_theme
from resolvers.themes.confirm_theme import ConfirmThemeResult, confirm_theme
from resolvers.themes.merge_themes import MergeThemesResult, merge_themes
from resolvers.themes.queries import municipality_themes, theme, themes
from resolvers.themes.rename_theme import RenameThemeResult, rename_theme
from resolvers.themes.review_tag_suggestion import (
    ReviewTagSuggestionResult,
    review_tag_suggestion,
)
from resolvers.themes.split_theme import SplitThemeResult, split_theme
from resolvers.themes.subscription import theme_updates
from resolvers.themes.suggestions import tag_suggestions
from resolvers.themes.tag_theme import TagThemeResult, tag_theme
from resolvers.viewer import ViewerInfo, viewer
from schema.abonnementen.types import AbonnementType, NotificationDeliveryType
from schema.bottlenecks.types import BottleneckFramework, framework
from schema.notes.types import InternalNoteType
from schema.overview.types import Overview
from schema.pagination import Connection
from schema.policy import EVERYONE, MUNICIPALITY, PARTNER, SIGNED_IN, STAFF, allow
from schema.referrals.types import ReferralType
from schema.reports.types import ReporterView, ReportType
from schema.themes.suggestions import TagSuggestion
from schema.themes.types import ThemeSummary, ThemeType

staff = allow(STAFF)
everyone = allow(EVERYONE)
partner = allow(PARTNER)
municipality = allow(MUNICIPALITY, STAFF)


@strawberry.type
class Query:
    taxonomy: Taxonomy = strawberry.field(resolver=taxonomy, permission_classes=everyone)
    viewer: ViewerInfo | None = strawberry.field(resolver=viewer, permission_classes=everyone)
    report_by_receipt: ReceiptLookupResult = strawberry.field(
        resolver=report_by_receipt,
        permission_classes=everyone,
        description="Anoniem: uw signaal en berichten, met bonnummer.",
    )
    my_reports: Connection[ReporterView] = strawberry.field(
        resolver=my_reports, permission_classes=allow(SIGNED_IN)
    )
    reports: Connection[ReportType] = strawberry.field(resolver=reports, permission_classes=staff)
    triage_queue: Connection[ReportType] = strawberry.field(
        resolver=triage_queue, permission_classes=staff,
        description="Nog te bekijken signalen: dringend eerst, dan de vroegste termijn.",
    )  # fmt: skip
    report: ReportType | None = strawberry.field(resolver=report, permission_classes=staff)
    themes: Connection[ThemeType] = strawberry.field(resolver=themes, permission_classes=staff)
    theme: ThemeType | None = strawberry.field(resolver=theme, permission_classes=staff)
    referrals: Connection[ReferralType] = strawberry.field(
        resolver=referrals, permission_classes=staff
    )
    referral: ReferralType | None = strawberry.field(resolver=referral, permission_classes=staff)
    municipality_themes: Connection[ThemeSummary] = strawberry.field(
        resolver=municipality_themes, permission_classes=municipality
    )
    partner_referrals: Connection[ReferralType] = strawberry.field(
        resolver=partner_referrals, permission_classes=partner
    )
    audit_events: Connection[AuditEventType] = strawberry.field(
        resolver=audit_events, permission_classes=staff
    )
    bottleneck_framework: BottleneckFramework = strawberry.field(
        resolver=framework, permission_classes=staff,
        description="De Behoorlijkheidswijzer (met versie) en de niveaus en elementen van de VNG.",
    )  # fmt: skip
    internal_notes: Connection[InternalNoteType] = strawberry.field(
        resolver=internal_notes, permission_classes=staff,
        description="Interne notities bij een signaal, thema of doorverwijzing (alleen medewerkers).",
    )  # fmt: skip
    abonnementen: Connection[AbonnementType] = strawberry.field(
        resolver=abonnementen, permission_classes=municipality,
        description="Webhook-abonnementen: een gemeente ziet de hare, medewerkers alle.",
    )  # fmt: skip
    overview: Overview = strawberry.field(
        resolver=overview, permission_classes=municipality,
        description="Het periodieke overzicht (raad, rekenkamer, VNG, ombudsman); kleine "
        "aantallen verborgen.",
    )  # fmt: skip
    tag_suggestions: list[TagSuggestion] = strawberry.field(
        resolver=tag_suggestions, permission_classes=staff,
        description="Wat de engine voorstelt om een thema mee te labelen, en waarom.",
    )  # fmt: skip
    survey_results: SurveyResults = strawberry.field(
        resolver=survey_results, permission_classes=staff,
        description="Wat melders antwoordden in de vragenlijst na afronding.",
    )  # fmt: skip
    notification_deliveries: Connection[NotificationDeliveryType] = strawberry.field(
        resolver=notification_deliveries, permission_classes=municipality,
        description="Verstuurde webhookberichten met elke poging; status DEAD: niet aangekomen.",
    )  # fmt: skip


@strawberry.type
class Mutation:
    submit_report: SubmitReportResult = strawberry.mutation(
        resolver=submit_report, permission_classes=everyone
    )
    request_reopen: RequestReopenResult = strawberry.mutation(
        resolver=request_reopen, permission_classes=everyone
    )
    answer_survey: AnswerSurveyResult = strawberry.mutation(
        resolver=answer_survey, permission_classes=everyone
    )
    reply_to_feedback: ReplyToFeedbackResult = strawberry.mutation(
        resolver=reply_to_feedback, permission_classes=everyone
    )
    set_report_status: SetReportStatusResult = strawberry.mutation(
        resolver=set_report_status, permission_classes=staff
    )
    merge_duplicates: MergeDuplicatesResult = strawberry.mutation(
        resolver=merge_duplicates, permission_classes=staff
    )
    unmerge_duplicate: UnmergeDuplicateResult = strawberry.mutation(
        resolver=unmerge_duplicate, permission_classes=staff
    )
    move_report_to_theme: MoveReportToThemeResult = strawberry.mutation(
        resolver=move_report_to_theme, permission_classes=staff
    )
    tag_report: TagReportResult = strawberry.mutation(resolver=tag_report, permission_classes=staff)
    review_tag_suggestion: ReviewTagSuggestionResult = strawberry.mutation(
        resolver=review_tag_suggestion, permission_classes=staff
    )
    close_theme: CloseThemeResult = strawberry.mutation(
        resolver=close_theme, permission_classes=staff
    )
    rename_theme: RenameThemeResult = strawberry.mutation(
        resolver=rename_theme, permission_classes=staff
    )
    confirm_theme: ConfirmThemeResult = strawberry.mutation(
        resolver=confirm_theme, permission_classes=staff
    )
    merge_themes: MergeThemesResult = strawberry.mutation(
        resolver=merge_themes, permission_classes=staff
    )
    split_theme: SplitThemeResult = strawberry.mutation(
        resolver=split_theme, permission_classes=staff
    )
    tag_theme: TagThemeResult = strawberry.mutation(resolver=tag_theme, permission_classes=staff)
    add_internal_note: AddInternalNoteResult = strawberry.mutation(
        resolver=add_internal_note, permission_classes=staff
    )
    create_abonnement: CreateAbonnementResult = strawberry.mutation(
        resolver=create_abonnement, permission_classes=municipality
    )
    update_abonnement: UpdateAbonnementResult = strawberry.mutation(
        resolver=update_abonnement, permission_classes=municipality
    )
    delete_abonnement: DeleteAbonnementResult = strawberry.mutation(
        resolver=delete_abonnement, permission_classes=municipality
    )
    resend_delivery: ResendDeliveryResult = strawberry.mutation(
        resolver=resend_delivery, permission_classes=municipality
    )
    send_feedback: SendFeedbackResult = strawberry.mutation(
        resolver=send_feedback, permission_classes=staff
    )
    refer_theme: ReferThemeResult = strawberry.mutation(
        resolver=refer_theme, permission_classes=staff
    )
    approve_referral: ApproveReferralResult = strawberry.mutation(
        resolver=approve_referral, permission_classes=staff
    )
    retry_delivery: RetryDeliveryResult = strawberry.mutation(
        resolver=retry_delivery, permission_classes=staff
    )
    close_referral: CloseReferralResult = strawberry.mutation(
        resolver=close_referral, permission_classes=staff
    )
    acknowledge_referral: AcknowledgeReferralResult = strawberry.mutation(
        resolver=acknowledge_referral, permission_classes=partner
    )
    answer_referral: AnswerReferralResult = strawberry.mutation(
        resolver=answer_referral, permission_classes=partner
    )


@strawberry.type
class Subscription:
    theme_updates: AsyncGenerator[ThemeSummary, None] = strawberry.subscription(
        resolver=theme_updates, permission_classes=municipality
    )
