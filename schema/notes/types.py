"""An internal note as staff see it (no other audience ever does)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from models import InternalNote
from schema.enums import NoteSubject
from schema.policy import STAFF, policy


@policy(STAFF)
@strawberry.type(name="InternalNote", description="Een interne notitie: alleen voor medewerkers.")
class InternalNoteType:
    id: strawberry.ID
    subject_type: NoteSubject
    subject_id: strawberry.ID
    author: str = strawberry.field(description="Wie de notitie schreef (het account).")
    body: str = strawberry.field(description="De tekst, met persoonsgegevens afgeschermd.")
    created_at: datetime

    @classmethod
    def from_model(cls, note: InternalNote) -> InternalNoteType:
        return cls(
            id=strawberry.ID(str(note.id)),
            subject_type=NoteSubject(note.subject_type),
            subject_id=strawberry.ID(str(note.subject_id)),
            author=note.author_subject,
            body=note.body,
            created_at=note.created_at,
        )
