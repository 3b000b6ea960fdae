"""Municipal webhooks: abonnementen, the notifications sent to them, and every attempt.

The delivery rows are the outbox of webhook delivery: written when a change is announced,
picked up by the worker when due, kept with every attempt until delivered or dead.
"""

from __future__ import annotations

import uuid

from tortoise import fields
from tortoise.models import Model

from models.base import TimestampedModel
from vocabulary import AbonnementStatus, DeliveryStatus


class Abonnement(TimestampedModel):
    """A municipality's subscription: where to send, with which Authorization, on which
    kanalen and filters (`[{"naam": ..., "filters": {kenmerk: waarde}}]`)."""

    id = fields.UUIDField(primary_key=True)
    municipality_code = fields.CharField(max_length=6, db_index=True)
    callback_url = fields.CharField(max_length=1000)
    # scheme://host:port of the callback: deliveries to one receiver share its limit.
    receiver = fields.CharField(max_length=300)
    auth = fields.TextField()
    kanalen = fields.JSONField(default=list)
    # Standard Webhooks secret (whsec_…), shown once when the abonnement is made.
    secret = fields.CharField(max_length=100)
    status = fields.CharEnumField(AbonnementStatus, max_length=16, default=AbonnementStatus.ACTIVE)
    cloud_events = fields.BooleanField(default=False)
    created_by = fields.CharField(max_length=255)
    consecutive_failures = fields.IntField(default=0)
    last_success_at = fields.DatetimeField(null=True)
    last_failure_at = fields.DatetimeField(null=True)
    paused_at = fields.DatetimeField(null=True)
    paused_reason = fields.TextField(null=True)

    class Meta:  # pyright: ignore[reportIncompatibleVariableOverride]
        table = "abonnement"


class Notificatie(Model):
    """One announced change, as Open Notificaties describes it (without the gemeentecode,
    which each abonnement's copy carries)."""

    id = fields.BigIntField(primary_key=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    kanaal = fields.CharField(max_length=50)
    actie = fields.CharField(max_length=50)
    theme_id = fields.UUIDField()
    kenmerken = fields.JSONField(default=dict)
    municipality_codes = fields.JSONField(default=list)

    class Meta:  # pyright: ignore[reportIncompatibleVariableOverride]
        table = "notificatie"


class NotificationDelivery(Model):
    """One notification for one abonnement: the exact message, its state and next attempt.
    The id is the Standard Webhooks `webhook-id`, the same on every attempt and resend."""

    id = fields.UUIDField(primary_key=True, default=uuid.uuid4)
    created_at = fields.DatetimeField(auto_now_add=True)
    notificatie: fields.ForeignKeyRelation[Notificatie] = fields.ForeignKeyField(
        "models.Notificatie", related_name="deliveries", on_delete=fields.CASCADE
    )
    notificatie_id: int
    abonnement: fields.ForeignKeyRelation[Abonnement] = fields.ForeignKeyField(
        "models.Abonnement", related_name="deliveries", on_delete=fields.CASCADE
    )
    abonnement_id: uuid.UUID
    body = fields.TextField()
    status = fields.CharEnumField(DeliveryStatus, max_length=16, default=DeliveryStatus.PENDING)
    attempts = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField(null=True)
    delivered_at = fields.DatetimeField(null=True)
    dead_at = fields.DatetimeField(null=True)
    last_status_code = fields.IntField(null=True)
    last_error = fields.TextField(null=True)

    class Meta:  # pyright: ignore[reportIncompatibleVariableOverride]
        table = "notification_delivery"
        unique_together = (("notificatie", "abonnement"),)
        indexes = (("status", "next_attempt_at"),)


class NotificationAttempt(Model):
    """One POST of a delivery: attempt number, HTTP status, error and duration."""

    id = fields.BigIntField(primary_key=True)
    delivery: fields.ForeignKeyRelation[NotificationDelivery] = fields.ForeignKeyField(
        "models.NotificationDelivery", related_name="attempt_log", on_delete=fields.CASCADE
    )
    delivery_id: uuid.UUID
    attempt = fields.IntField()
    started_at = fields.DatetimeField()
    duration_ms = fields.IntField()
    status_code = fields.IntField(null=True)
    succeeded = fields.BooleanField(default=False)
    error = fields.TextField(null=True)

    class Meta:  # pyright: ignore[reportIncompatibleVariableOverride]
        table = "notification_attempt"
