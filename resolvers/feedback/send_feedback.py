"""sendFeedback (staff): a message to the reporter of one report, or to all of a theme's."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain import audit
from domain.errors import InputErrors, NotFound
from domain.service_levels import pause_clocks
from models import FeedbackMessage, Report, Theme
from resolvers.access import require_viewer
from resolvers.errors import errors_as_data
from resolvers.feedback.answered import mark_answered
from resolvers.validation import check_free_text, parse_uuid
from schema.context import Info
from schema.errors import InvalidInputError, NotFoundError, TemporarilyUnavailableError
from schema.feedback.types import FeedbackMessageType
from schema.policy import STAFF, policy
from vocabulary import ErrorCode, MessageAuthor, MessageDirection
from vocabulary.translations import N_


@strawberry.input
class SendFeedbackInput:
    body: str
    report_id: strawberry.ID | None = None
    theme_id: strawberry.ID | None = strawberry.field(
        default=None, description="Aan alle melders van dit thema."
    )
    awaiting_reply: bool = strawberry.field(
        default=False,
        description="Een vraag aan de melder: de servicenormen staan stil tot die antwoordt.",
    )


@policy(STAFF)
@strawberry.type
class FeedbackSent:
    feedback: FeedbackMessageType


SendFeedbackResult = Annotated[
    FeedbackSent | InvalidInputError | NotFoundError | TemporarilyUnavailableError,
    strawberry.union("SendFeedbackResult"),
]


@errors_as_data
async def send_feedback(info: Info, input: SendFeedbackInput) -> SendFeedbackResult:
    viewer = require_viewer(info)
    problems = InputErrors()
    body = check_free_text(
        problems, "body", input.body, minimum=5, maximum=5000, label=N_("het bericht")
    )
    if bool(input.report_id) == bool(input.theme_id):
        problems.add("reportId", ErrorCode.REQUIRED, "Kies één signaal of één thema.")
    report_id = parse_uuid(problems, "reportId", input.report_id) if input.report_id else None
    theme_id = parse_uuid(problems, "themeId", input.theme_id) if input.theme_id else None
    problems.raise_if_any()
    if report_id and not await Report.exists(id=report_id):
        raise NotFound.of(N_("Dit signaal"))
    if theme_id and not await Theme.exists(id=theme_id):
        raise NotFound.of(N_("Dit thema"))
    message = await FeedbackMessage.create(
        report_id=report_id,
        theme_id=theme_id,
        direction=MessageDirection.TO_REPORTER,
        author=MessageAuthor.STAFF,
        author_subject=viewer.subject,
        body=body,
    )
    await mark_answered(report_id=report_id, theme_id=theme_id)
    if input.awaiting_reply and report_id:
        await pause_clocks(report_id)
    await audit.record(
        viewer,
        "feedback.sent",
        "report" if report_id else "theme",
        str(report_id or theme_id),
        details={"message_id": str(message.id)},
    )
    return FeedbackSent(feedback=FeedbackMessageType.from_model(message))
