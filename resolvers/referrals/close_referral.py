"""closeReferral (staff): a referral has run its course; its reporters get a closing message.

The theme's reports that were referred are closed with it, unless another referral of the
theme is still under way. A referral that was never delivered closes without a message.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import strawberry
from tortoise.transactions import in_transaction

from domain import audit, workflow
from domain.errors import InputErrors
from domain.system_messages import REFERRAL_CLOSED, REFERRAL_CLOSED_AFTER_ANSWER, stored_body
from models import FeedbackMessage, Referral, Report
from resolvers.access import require_viewer
from resolvers.errors import errors_as_data
from resolvers.feedback.answered import mark_answered
from resolvers.referrals.delivery import lock_referral
from resolvers.theme_changes import announce
from resolvers.validation import check_optional_free_text, parse_uuid
from schema.context import Info
from schema.errors import (
    InvalidInputError,
    InvalidStateError,
    NotFoundError,
    TemporarilyUnavailableError,
)
from schema.policy import STAFF, policy
from schema.referrals.types import ReferralType
from vocabulary import MessageAuthor, MessageDirection, ReferralStatus, ReportStatus
from vocabulary.translations import N_

DELIVERED = frozenset({ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED, ReferralStatus.ANSWERED})


@strawberry.input
class CloseReferralInput:
    referral_id: strawberry.ID
    message: str | None = strawberry.field(
        default=None,
        description="Slotbericht aan de melders; leeg: een standaardbericht.",
    )


@policy(STAFF)
@strawberry.type
class ReferralClosed:
    referral: ReferralType


CloseReferralResult = Annotated[
    ReferralClosed
    | InvalidInputError
    | NotFoundError
    | InvalidStateError
    | TemporarilyUnavailableError,
    strawberry.union("CloseReferralResult"),
]


def _default_text(referral: Referral) -> str:
    if referral.status == ReferralStatus.ANSWERED:
        return REFERRAL_CLOSED_AFTER_ANSWER
    return REFERRAL_CLOSED


@errors_as_data
async def close_referral(info: Info, input: CloseReferralInput) -> CloseReferralResult:
    viewer = require_viewer(info)
    problems = InputErrors()
    referral_id = parse_uuid(problems, "referralId", input.referral_id)
    body = check_optional_free_text(
        problems, "message", input.message, maximum=5000, label=N_("het slotbericht")
    )
    problems.raise_if_any()
    async with in_transaction() as conn:
        referral = await lock_referral(referral_id, conn)
        workflow.check_referral(referral.status, ReferralStatus.CLOSED, workflow.STAFF)
        was_delivered = referral.status in DELIVERED
        if was_delivered:
            # Without a message of their own, staff send the standard one, in each
            # reporter's language.
            text_id = None if body else _default_text(referral)
            params = {"addressee": referral.addressee}
            await FeedbackMessage.create(
                theme_id=referral.theme_id,
                referral_id=referral.id,
                direction=MessageDirection.TO_REPORTER,
                author=MessageAuthor.STAFF,
                author_subject=viewer.subject,
                body=body or stored_body(text_id or REFERRAL_CLOSED, params),
                text_id=text_id,
                text_params=params if text_id else None,
                using_db=conn,
            )
            await mark_answered(theme_id=referral.theme_id, using_db=conn)
        referral.status = ReferralStatus.CLOSED
        referral.closed_at = datetime.now(UTC)
        await referral.save(using_db=conn)
        still_open = (
            await Referral.filter(theme_id=referral.theme_id)
            .exclude(id=referral.id)
            .exclude(status__in=list(workflow.REFERRAL_ENDED))
            .using_db(conn)
            .exists()
        )
        if was_delivered and not still_open:
            await (
                Report.filter(
                    theme_id=referral.theme_id,
                    status__in=workflow.report_sources(ReportStatus.CLOSED, workflow.SYSTEM),
                )
                .using_db(conn)
                .update(status=ReportStatus.CLOSED, closed_at=referral.closed_at)
            )
        await audit.record(viewer, "referral.closed", "referral", referral_id, using_db=conn)
    await announce(info, [referral.theme_id], "REFERRAL_CLOSED")
    return ReferralClosed(referral=ReferralType.from_model(referral))
