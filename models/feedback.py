"""Feedback messages between staff/partners and reporters ("wat is er met uw signaal gedaan")."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from tortoise import fields

from models.base import TimestampedModel
from vocabulary import MessageAuthor, MessageDirection

if TYPE_CHECKING:
    from models.report import Report
    from models.theme import Theme


class FeedbackMessage(TimestampedModel):
    """A message on one report, or on a theme (then every reporter of the theme sees it)."""

    id = fields.UUIDField(primary_key=True)
    report: fields.ForeignKeyNullableRelation[Report] = fields.ForeignKeyField(
        "models.Report", related_name="messages", null=True, on_delete=fields.CASCADE
    )
    report_id: uuid.UUID | None  # the column, as tortoise exposes it
    theme: fields.ForeignKeyNullableRelation[Theme] = fields.ForeignKeyField(
        "models.Theme", related_name="messages", null=True, on_delete=fields.CASCADE
    )
    theme_id: uuid.UUID | None  # the column, as tortoise exposes it
    # Plain columns: the autodetector drops constraints to models created later or to itself.
    referral_id = fields.UUIDField(null=True)
    in_reply_to_id = fields.UUIDField(null=True)
    direction = fields.CharEnumField(MessageDirection, max_length=16)
    author = fields.CharEnumField(MessageAuthor, max_length=16)
    author_subject = fields.CharField(max_length=255, null=True)
    body = fields.TextField()
    # A message Signaalpunt wrote (domain.system_messages): written out in each reader's
    # language; `body` keeps the Dutch.
    text_id = fields.CharField(max_length=64, null=True)
    text_params = fields.JSONField(null=True)

    class Meta:  # pyright: ignore[reportIncompatibleVariableOverride]
        table = "feedback_message"
