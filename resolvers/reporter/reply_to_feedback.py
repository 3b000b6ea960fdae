"""replyToFeedback: a reporter answers a question, with their receipt or their account."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain.errors import InputErrors, NotFound
from domain.service_levels import resume_clocks
from models import FeedbackMessage, Report
from resolvers.errors import errors_as_data
from resolvers.reporter.receipt_access import reporters_report, reporters_report_id
from resolvers.validation import check_free_text, parse_uuid
from schema.context import Info
from schema.errors import (
    InvalidInputError,
    NotFoundError,
    TemporarilyUnavailableError,
    ThrottledError,
)
from schema.feedback.types import FeedbackMessageType
from schema.policy import EVERYONE, policy
from vocabulary import MessageAuthor, MessageDirection
from vocabulary.translations import N_


@strawberry.input
class ReplyToFeedbackInput:
    body: str
    receipt: str | None = strawberry.field(default=None, description="Anoniem: uw bonnummer.")
    report_id: strawberry.ID | None = strawberry.field(
        default=None, description="Met account: het kenmerk van uw signaal."
    )
    in_reply_to_id: strawberry.ID | None = None


@policy(EVERYONE)
@strawberry.type
class ReplySent:
    feedback: FeedbackMessageType


ReplyToFeedbackResult = Annotated[
    ReplySent | InvalidInputError | NotFoundError | ThrottledError | TemporarilyUnavailableError,
    strawberry.union("ReplyToFeedbackResult"),
]


@errors_as_data
async def reply_to_feedback(info: Info, input: ReplyToFeedbackInput) -> ReplyToFeedbackResult:
    problems = InputErrors()
    body = check_free_text(
        problems, "body", input.body, minimum=2, maximum=5000, label=N_("uw antwoord")
    )
    report_id = reporters_report_id(problems, input.receipt, input.report_id)
    in_reply_to = (
        parse_uuid(problems, "inReplyToId", input.in_reply_to_id) if input.in_reply_to_id else None
    )
    problems.raise_if_any()

    report = await reporters_report(info, input.receipt, report_id)

    if in_reply_to is not None and not await _visible_to_reporter(in_reply_to, report):
        raise NotFound.of(N_("Dit bericht"))

    await resume_clocks(report)
    message = await FeedbackMessage.create(
        report_id=report.id,
        direction=MessageDirection.FROM_REPORTER,
        author=MessageAuthor.REPORTER,
        # Replies are stored masked: staff read them in lists like every derived view.
        body=body,
        in_reply_to_id=in_reply_to,
    )
    return ReplySent(feedback=FeedbackMessageType.from_model(message))


async def _visible_to_reporter(message_id: object, report: Report) -> bool:
    """Only a message this reporter can read (their own, or one sent to their theme) can be
    answered; anything else answers NotFound, the same as a message that does not exist."""
    message = await FeedbackMessage.get_or_none(id=message_id)
    if message is None:
        return False
    if message.report_id == report.id:
        return True
    return (
        message.theme_id is not None
        and message.theme_id == report.theme_id
        and message.direction == MessageDirection.TO_REPORTER
    )
