"""replyToFeedback: a reporter answers a question, with their receipt or their account."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain.taxonomy import MessageAuthor, MessageDirection
from models import FeedbackMessage, Report
from privacy.pii import mask
from resolvers.reporter.receipt_access import report_for_receipt
from resolvers.validation import check_text, parse_uuid
from schema.context import Info
from schema.errors import (
    ErrorCode,
    InputErrors,
    InvalidInput,
    NotFound,
    TemporarilyUnavailable,
    Throttled,
    not_found,
)
from schema.feedback.types import FeedbackMessageType


@strawberry.input
class ReplyToFeedbackInput:
    body: str
    receipt: str | None = strawberry.field(default=None, description="Anoniem: uw bonnummer.")
    report_id: strawberry.ID | None = strawberry.field(
        default=None, description="Met account: het kenmerk van uw signaal."
    )
    in_reply_to_id: strawberry.ID | None = None


@strawberry.type
class ReplySent:
    feedback: FeedbackMessageType


ReplyToFeedbackResult = Annotated[
    ReplySent | InvalidInput | NotFound | Throttled | TemporarilyUnavailable,
    strawberry.union("ReplyToFeedbackResult"),
]


async def reply_to_feedback(info: Info, input: ReplyToFeedbackInput) -> ReplyToFeedbackResult:
    errors = InputErrors()
    body = check_text(errors, "body", input.body, minimum=2, maximum=5000, label="uw antwoord")
    if not input.receipt and not input.report_id:
        errors.add("receipt", ErrorCode.REQUIRED, "Vul uw bonnummer in.")
    in_reply_to = (
        parse_uuid(errors, "inReplyToId", input.in_reply_to_id) if input.in_reply_to_id else None
    )
    if errors:
        return errors.result()

    if input.receipt:
        found = await report_for_receipt(info, input.receipt)
        if not isinstance(found, Report):
            return found
        report = found
    else:
        viewer = info.context.viewer
        report_id = parse_uuid(errors, "reportId", str(input.report_id))
        if errors:
            return errors.result()
        report = await Report.get_or_none(id=report_id)
        if report is None or viewer is None or report.reporter_subject != viewer.subject:
            return not_found("Dit signaal")

    if in_reply_to is not None and not await _visible_to_reporter(in_reply_to, report):
        return not_found("Dit bericht")

    message = await FeedbackMessage.create(
        report_id=report.id,
        direction=MessageDirection.FROM_REPORTER,
        author=MessageAuthor.REPORTER,
        # Replies are stored masked: staff read them in lists like every derived view.
        body=mask(body),
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
