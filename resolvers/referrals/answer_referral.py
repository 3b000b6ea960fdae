"""answerReferral (partner): the answer flows back to every reporter of the theme."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import strawberry
from tortoise.transactions import in_transaction

from domain import workflow
from domain.errors import InputErrors
from domain.labels import ADDRESSEE_LABELS_NL
from models import FeedbackMessage
from privacy.masking import mask
from resolvers.access import require_viewer
from resolvers.errors import errors_as_data
from resolvers.feedback.answered import mark_answered
from resolvers.referrals.partner_access import referral_for_partner
from resolvers.theme_changes import announce
from resolvers.validation import check_free_text, parse_uuid
from schema.context import Info
from schema.errors import (
    InvalidInputError,
    InvalidStateError,
    NotFoundError,
    TemporarilyUnavailableError,
)
from schema.policy import PARTNER, policy
from schema.referrals.types import ReferralType
from vocabulary import MessageAuthor, MessageDirection, ReferralStatus
from vocabulary.translations import N_


@strawberry.input
class AnswerReferralInput:
    referral_id: strawberry.ID
    answer: str = strawberry.field(description="Uw antwoord, in begrijpelijke taal voor melders.")


@policy(PARTNER)
@strawberry.type
class ReferralAnswered:
    referral: ReferralType


AnswerReferralResult = Annotated[
    ReferralAnswered
    | InvalidInputError
    | NotFoundError
    | InvalidStateError
    | TemporarilyUnavailableError,
    strawberry.union("AnswerReferralResult"),
]


@errors_as_data
async def answer_referral(info: Info, input: AnswerReferralInput) -> AnswerReferralResult:
    viewer = require_viewer(info)
    problems = InputErrors()
    referral_id = parse_uuid(problems, "referralId", input.referral_id)
    answer = check_free_text(
        problems, "answer", input.answer, minimum=10, maximum=10_000, label=N_("het antwoord")
    )
    problems.raise_if_any()
    async with in_transaction() as conn:
        referral = await referral_for_partner(info, referral_id, using_db=conn)
        if referral.status == ReferralStatus.ANSWERED:
            raise workflow.InvalidState("Deze doorverwijzing is al beantwoord.")
        workflow.check_referral(referral.status, ReferralStatus.ANSWERED, workflow.PARTNER)
        referral.status = ReferralStatus.ANSWERED
        referral.answered_at = datetime.now(UTC)
        referral.answer = answer
        if referral.acknowledged_at is None:
            referral.acknowledged_at = referral.answered_at
        await referral.save(using_db=conn)
        await FeedbackMessage.create(
            theme_id=referral.theme_id,
            referral_id=referral.id,
            direction=MessageDirection.TO_REPORTER,
            author=MessageAuthor.PARTNER,
            author_subject=viewer.subject,
            body=mask(f"Antwoord van de {ADDRESSEE_LABELS_NL[referral.addressee]}: {answer}"),
            using_db=conn,
        )
        await mark_answered(theme_id=referral.theme_id, using_db=conn)
    await announce(info, [referral.theme_id], "REFERRAL_ANSWERED")
    return ReferralAnswered(referral=ReferralType.from_model(referral))
