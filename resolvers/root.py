"""The root Query, Mutation and Subscription types: every field the API offers, with its
resolver and who may call it. `signaalpunt.graphql_schema` builds the schema from them."""

from __future__ import annotations

import strawberry

from resolvers.audit_queries import audit_events
from resolvers.feedback.send_feedback import send_feedback
from resolvers.referrals.acknowledge_referral import acknowledge_referral
from resolvers.referrals.answer_referral import answer_referral
from resolvers.referrals.approve_referral import approve_referral
from resolvers.referrals.close_referral import close_referral
from resolvers.referrals.queries import partner_referrals, referral, referrals
from resolvers.referrals.refer_theme import refer_theme
from resolvers.referrals.retry_delivery import retry_delivery
from resolvers.reporter.queries import my_reports, report_by_receipt
from resolvers.reporter.reply_to_feedback import reply_to_feedback
from resolvers.reports.merge_duplicates import merge_duplicates
from resolvers.reports.move_report_to_theme import move_report_to_theme
from resolvers.reports.queries import report, reports
from resolvers.reports.set_report_status import set_report_status
from resolvers.reports.submit_report import submit_report
from resolvers.reports.unmerge_duplicate import unmerge_duplicate
from resolvers.taxonomy import Taxonomy, taxonomy
from resolvers.themes.confirm_theme import confirm_theme
from resolvers.themes.merge_themes import merge_themes
from resolvers.themes.queries import municipality_themes, theme, themes
from resolvers.themes.rename_theme import rename_theme
from resolvers.themes.split_theme import split_theme
from resolvers.themes.subscription import theme_updates
from resolvers.viewer import ViewerInfo, viewer
from schema.permissions import IsAuthenticated, IsMunicipality, IsPartner, IsStaff
from schema.themes.types import ThemeSummary

staff = [IsStaff]


@strawberry.type
class Query:
    taxonomy: Taxonomy = strawberry.field(resolver=taxonomy)
    viewer: ViewerInfo | None = strawberry.field(resolver=viewer)
    report_by_receipt = strawberry.field(
        resolver=report_by_receipt, description="Anoniem: uw signaal en berichten, met bonnummer."
    )
    my_reports = strawberry.field(resolver=my_reports, permission_classes=[IsAuthenticated])
    reports = strawberry.field(resolver=reports, permission_classes=staff)
    report = strawberry.field(resolver=report, permission_classes=staff)
    themes = strawberry.field(resolver=themes, permission_classes=staff)
    theme = strawberry.field(resolver=theme, permission_classes=staff)
    referrals = strawberry.field(resolver=referrals, permission_classes=staff)
    referral = strawberry.field(resolver=referral, permission_classes=staff)
    municipality_themes = strawberry.field(
        resolver=municipality_themes, permission_classes=[IsMunicipality]
    )
    partner_referrals = strawberry.field(resolver=partner_referrals, permission_classes=[IsPartner])
    audit_events = strawberry.field(resolver=audit_events, permission_classes=staff)


@strawberry.type
class Mutation:
    submit_report = strawberry.mutation(resolver=submit_report)
    reply_to_feedback = strawberry.mutation(resolver=reply_to_feedback)
    set_report_status = strawberry.mutation(resolver=set_report_status, permission_classes=staff)
    merge_duplicates = strawberry.mutation(resolver=merge_duplicates, permission_classes=staff)
    unmerge_duplicate = strawberry.mutation(resolver=unmerge_duplicate, permission_classes=staff)
    move_report_to_theme = strawberry.mutation(
        resolver=move_report_to_theme, permission_classes=staff
    )
    rename_theme = strawberry.mutation(resolver=rename_theme, permission_classes=staff)
    confirm_theme = strawberry.mutation(resolver=confirm_theme, permission_classes=staff)
    merge_themes = strawberry.mutation(resolver=merge_themes, permission_classes=staff)
    split_theme = strawberry.mutation(resolver=split_theme, permission_classes=staff)
    send_feedback = strawberry.mutation(resolver=send_feedback, permission_classes=staff)
    refer_theme = strawberry.mutation(resolver=refer_theme, permission_classes=staff)
    approve_referral = strawberry.mutation(resolver=approve_referral, permission_classes=staff)
    retry_delivery = strawberry.mutation(resolver=retry_delivery, permission_classes=staff)
    close_referral = strawberry.mutation(resolver=close_referral, permission_classes=staff)
    acknowledge_referral = strawberry.mutation(
        resolver=acknowledge_referral, permission_classes=[IsPartner]
    )
    answer_referral = strawberry.mutation(resolver=answer_referral, permission_classes=[IsPartner])


@strawberry.type
class Subscription:
    theme_updates: ThemeSummary = strawberry.subscription(
        resolver=theme_updates, permission_classes=[IsMunicipality]
    )
