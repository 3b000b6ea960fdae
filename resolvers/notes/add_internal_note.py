"""addInternalNote (staff): a note for colleagues on a report, theme or referral."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain import audit
from domain.errors import InputErrors, NotFound
from models import InternalNote, Referral, Report, Theme
from resolvers.access import require_viewer
from resolvers.errors import errors_as_data
from resolvers.validation import check_free_text, parse_uuid
from schema.context import Info
from schema.enums import NoteSubject
from schema.errors import InvalidInputError, NotFoundError, TemporarilyUnavailableError
from schema.notes.types import InternalNoteType
from schema.policy import STAFF, policy
from vocabulary.translations import N_

_SUBJECTS = {
    NoteSubject.REPORT: (Report, "Dit signaal"),
    NoteSubject.THEME: (Theme, "Dit thema"),
    NoteSubject.REFERRAL: (Referral, "Deze doorverwijzing"),
}


@strawberry.input
class AddInternalNoteInput:
    subject_type: NoteSubject
    subject_id: strawberry.ID
    body: str


@policy(STAFF)
@strawberry.type
class InternalNoteAdded:
    note: InternalNoteType


AddInternalNoteResult = Annotated[
    InternalNoteAdded | InvalidInputError | NotFoundError | TemporarilyUnavailableError,
    strawberry.union("AddInternalNoteResult"),
]


@errors_as_data
async def add_internal_note(info: Info, input: AddInternalNoteInput) -> AddInternalNoteResult:
    viewer = require_viewer(info)
    problems = InputErrors()
    body = check_free_text(
        problems, "body", input.body, minimum=2, maximum=5000, label=N_("de notitie")
    )
    subject_id = parse_uuid(problems, "subjectId", input.subject_id)
    problems.raise_if_any()
    model, name = _SUBJECTS[input.subject_type]
    if not await model.exists(id=subject_id):
        raise NotFound.of(name)
    note = await InternalNote.create(
        subject_type=input.subject_type.value,
        subject_id=subject_id,
        author_subject=viewer.subject,
        body=body,
    )
    await audit.record(
        viewer, "note.added", input.subject_type.value.lower(), str(subject_id),
        details={"note_id": str(note.id)},
    )  # fmt: skip
    return InternalNoteAdded(note=InternalNoteType.from_model(note))
