"""A report (signaal): what a resident or professional told us, and what became of it."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from tortoise import fields

from models.base import TimestampedModel
from vocabulary import (
    BottleneckLevel,
    Channel,
    FormalRoute,
    OnBehalfRelation,
    ProfessionalField,
    ReporterRole,
    ReportStatus,
)

if TYPE_CHECKING:
    from models.duplicate_group import DuplicateGroup
    from models.theme import Theme


class Report(TimestampedModel):
    id = fields.UUIDField(primary_key=True)
    # The original text is personal data: read only by staff with a reason, and audited.
    text = fields.TextField()
    # Every derived view (themes, dossiers, subscriptions, logs) uses the masked text.
    masked_text = fields.TextField()
    language = fields.CharField(max_length=8, default="nl")
    reporter_role = fields.CharEnumField(ReporterRole, max_length=32)
    professional_field = fields.CharEnumField(ProfessionalField, max_length=32, null=True)
    channel = fields.CharEnumField(Channel, max_length=32)
    municipality_code = fields.CharField(max_length=6, db_index=True)
    domains = fields.JSONField(default=list)
    problem_types = fields.JSONField(default=list)
    urgency_flags = fields.JSONField(default=list)
    decision_date = fields.DateField(null=True)
    objection_filed = fields.BooleanField(null=True)
    maatwerk_requested = fields.BooleanField(null=True)
    escalated_before_to = fields.CharField(max_length=200, null=True)
    feedback_received_before = fields.BooleanField(null=True)
    formal_route = fields.CharEnumField(FormalRoute, max_length=16, null=True)

    anonymous = fields.BooleanField(default=True)
    # Identified reporters: the OIDC subject. Anonymous reporters: nothing but the receipt hash.
    reporter_subject = fields.CharField(max_length=255, null=True, db_index=True)
    receipt_hash = fields.CharField(max_length=64, null=True, unique=True)

    on_behalf = fields.BooleanField(default=False)
    on_behalf_relation = fields.CharEnumField(OnBehalfRelation, max_length=32, null=True)
    consent_contact = fields.BooleanField(default=False)
    consent_share_municipality = fields.BooleanField(default=False)
    consent_include_in_referral = fields.BooleanField(default=False)

    status = fields.CharEnumField(ReportStatus, max_length=32, default=ReportStatus.RECEIVED)
    # When the report became CLOSED or DECLINED: where the retention clock starts.
    closed_at = fields.DatetimeField(null=True)
    # When retention replaced the original with its masked text and dropped the reporter's
    # account, receipt and identifier hashes (`domain.retention`).
    anonymised_at = fields.DatetimeField(null=True)
    processed_at = fields.DatetimeField(null=True)
    # Service level: the first answer to the reporter is due by this day; answered_at is when
    # staff (or a partner's answer) first wrote to them.
    first_answer_due = fields.DateField(null=True, db_index=True)
    answered_at = fields.DatetimeField(null=True)
    # Service level: staff look at the report (review, place, close) by this day.
    triage_due = fields.DateField(null=True, db_index=True)
    triaged_at = fields.DatetimeField(null=True)
    # Staff asked the reporter something and wait: the clocks pause until they reply.
    waiting_since = fields.DatetimeField(null=True)
    # Tags staff give a single report, as they tag themes (VNG level and elements, the
    # Behoorlijkheidswijzer's norms with its version).
    bottleneck_level = fields.CharEnumField(BottleneckLevel, max_length=16, null=True)
    elements = fields.JSONField(null=True)
    norms = fields.JSONField(null=True)
    norms_version = fields.CharField(max_length=16, null=True)
    # The daily job's marks: when a service level was found broken.
    first_answer_breached_at = fields.DatetimeField(null=True)
    triage_breached_at = fields.DatetimeField(null=True)
    # The reporter asked for a closed or declined report to be looked at again (and why).
    reopen_requested_at = fields.DatetimeField(null=True)
    reopen_reason = fields.TextField(null=True)
    minhash = fields.BinaryField(null=True)
    # Why the engine put it in its group and its theme (`domain.engine.case_match.Link`):
    # {"with", "by", "strength", "details", "terms", "identifiers"} and {"by", ...}.
    link_evidence = fields.JSONField(null=True)
    theme_evidence = fields.JSONField(null=True)

    duplicate_group: fields.ForeignKeyNullableRelation[DuplicateGroup] = fields.ForeignKeyField(
        "models.DuplicateGroup", related_name="reports", null=True, on_delete=fields.SET_NULL
    )
    duplicate_group_id: uuid.UUID | None  # the column, as tortoise exposes it
    # Set when staff merged or unmerged this report: the worker never regroups it.
    group_locked = fields.BooleanField(default=False)
    theme: fields.ForeignKeyNullableRelation[Theme] = fields.ForeignKeyField(
        "models.Theme", related_name="reports", null=True, on_delete=fields.SET_NULL
    )
    theme_id: uuid.UUID | None  # the column, as tortoise exposes it
    # Set when staff moved this report: the worker never reassigns it.
    theme_locked = fields.BooleanField(default=False)

    class Meta:  # pyright: ignore[reportIncompatibleVariableOverride]
        table = "report"
        indexes = (("status", "created_at"), ("theme_id", "created_at"))
