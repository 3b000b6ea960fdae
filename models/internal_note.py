"""Internal notes: what staff write down for each other about a report, theme or referral.

Never shown to a reporter, municipality or partner; stored masked like every free text.
"""

from __future__ import annotations

from tortoise import fields

from models.base import TimestampedModel
from vocabulary import NoteSubject


class InternalNote(TimestampedModel):
    id = fields.UUIDField(primary_key=True)
    subject_type = fields.CharEnumField(NoteSubject, max_length=16)
    subject_id = fields.UUIDField()
    author_subject = fields.CharField(max_length=255)
    body = fields.TextField()

    class Meta:  # pyright: ignore[reportIncompatibleVariableOverride]
        table = "internal_note"
        indexes = (("subject_type", "subject_id", "created_at"),)
