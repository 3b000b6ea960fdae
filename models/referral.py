"""Referrals of a theme to the Nationale ombudsman or the VNG, tracked to the answer."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from models.base import TimestampedModel
from vocabulary import Addressee, ReferralStatus

if TYPE_CHECKING:
    from models.theme import Theme


class Referral(TimestampedModel):
    id = fields.UUIDField(primary_key=True)
    theme: fields.ForeignKeyRelation[Theme] = fields.ForeignKeyField(
        "models.Theme", related_name="referrals", on_delete=fields.RESTRICT
    )
    theme_id: uuid.UUID  # the column, as tortoise exposes it
    addressee = fields.CharEnumField(Addressee, max_length=32)
    status = fields.CharEnumField(
        ReferralStatus, max_length=32, default=ReferralStatus.AWAITING_APPROVAL
    )
    motivation = fields.TextField(default="")
    proposed_solution = fields.TextField(default="")
    dossier = fields.JSONField(default=dict)
    requested_by = fields.CharField(max_length=255)
    approved_by = fields.CharField(max_length=255, null=True)
    sent_at = fields.DatetimeField(null=True)
    acknowledged_at = fields.DatetimeField(null=True)
    answered_at = fields.DatetimeField(null=True)
    # Service level: the partner answers by this day (set when sent, or the partner's own
    # expected date when it acknowledges); the daily run marks it when it passed unanswered.
    answer_due = fields.DateField(null=True, db_index=True)
    answer_breached_at = fields.DatetimeField(null=True)
    closed_at = fields.DatetimeField(null=True)
    partner_reference = fields.CharField(max_length=200, null=True)
    answer = fields.TextField(null=True)

    class Meta:  # pyright: ignore[reportIncompatibleVariableOverride]
        table = "referral"


class DeliveryAttempt(Model):
    """One try to POST a dossier to the partner: every try is recorded, failed or not."""

    id = fields.BigIntField(primary_key=True)
    referral: fields.ForeignKeyRelation[Referral] = fields.ForeignKeyField(
        "models.Referral", related_name="attempts", on_delete=fields.CASCADE
    )
    referral_id: uuid.UUID  # the column, as tortoise exposes it
    attempt = fields.IntField()
    started_at = fields.DatetimeField(auto_now_add=True)
    status_code = fields.IntField(null=True)
    succeeded = fields.BooleanField(default=False)
    error = fields.TextField(null=True)

    class Meta:  # pyright: ignore[reportIncompatibleVariableOverride]
        table = "delivery_attempt"
