"""The outbox: jobs written in the same transaction as the data they are about.

A report answered with success is durable even while Redis is down; a sweep puts every
unfinished outbox row on the queue again once Redis is back. Jobs are idempotent, so a row
enqueued twice is processed once.
"""

from tortoise import fields
from tortoise.models import Model


class OutboxJob(Model):
    id = fields.BigIntField(primary_key=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    job_name = fields.CharField(max_length=64)
    job_key = fields.CharField(max_length=128, unique=True)
    args = fields.JSONField(default=list)
    enqueued_at = fields.DatetimeField(null=True)
    completed_at = fields.DatetimeField(null=True, db_index=True)

    class Meta:  # pyright: ignore[reportIncompatibleVariableOverride]
        table = "outbox_job"
