"""Audit events: every staff read of an original text and every staff mutation."""

from tortoise import fields
from tortoise.models import Model


class AuditEvent(Model):
    id = fields.BigIntField(primary_key=True)
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)
    actor_subject = fields.CharField(max_length=255)
    actor_role = fields.CharField(max_length=32)
    action = fields.CharField(max_length=64, db_index=True)
    target_type = fields.CharField(max_length=32)
    target_id = fields.CharField(max_length=64, db_index=True)
    reason = fields.TextField(null=True)
    details = fields.JSONField(default=dict)

    class Meta:  # pyright: ignore[reportIncompatibleVariableOverride]
        table = "audit_event"
