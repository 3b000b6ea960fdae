"""Shared model pieces."""

from tortoise import fields
from tortoise.models import Model


class TimestampedModel(Model):
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:  # pyright: ignore[reportIncompatibleVariableOverride]
        abstract = True
