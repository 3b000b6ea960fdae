"""internalNotes (staff): the notes on one report, theme or referral, newest first."""

from __future__ import annotations

import uuid

import strawberry

from models import InternalNote
from resolvers.pagination import paginate
from schema.context import Info
from schema.enums import NoteSubject
from schema.notes.types import InternalNoteType
from schema.pagination import Connection


async def internal_notes(
    info: Info,
    subject_type: NoteSubject,
    subject_id: strawberry.ID,
    first: int | None = 20,
    after: str | None = None,
) -> Connection[InternalNoteType]:
    try:
        subject = uuid.UUID(str(subject_id))
    except ValueError:
        subject = None
    query = InternalNote.filter(subject_type=subject_type.value, subject_id=subject)
    return await paginate(query, InternalNoteType.from_model, first=first, after=after)
