"""Feedback messages as staff and reporters see them."""

from __future__ import annotations

from datetime import datetime

import strawberry

from domain.system_messages import TEXTS, system_message
from models import FeedbackMessage
from schema.enums import MessageAuthor, MessageDirection
from schema.policy import EVERYONE, policy


@policy(EVERYONE)
@strawberry.type(name="FeedbackMessage")
class FeedbackMessageType:
    id: strawberry.ID
    sent_at: datetime
    direction: MessageDirection
    author: MessageAuthor
    body: str
    in_reply_to_id: strawberry.ID | None
    about_theme: bool = strawberry.field(
        description="Waar: bericht over het hele thema, aan alle melders ervan."
    )

    @classmethod
    def from_model(cls, message: FeedbackMessage) -> FeedbackMessageType:
        return cls(
            id=strawberry.ID(str(message.id)),
            sent_at=message.created_at,
            direction=message.direction,
            author=message.author,
            # A message Signaalpunt wrote is read in the language being spoken.
            body=system_message(message.text_id, message.text_params)
            if message.text_id in TEXTS
            else message.body,
            in_reply_to_id=strawberry.ID(str(message.in_reply_to_id))
            if message.in_reply_to_id
            else None,
            about_theme=message.theme_id is not None,
        )
