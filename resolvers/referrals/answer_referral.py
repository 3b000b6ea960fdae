"""answerReferral (partner): the answer flows back to every reporter of the theme."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import strawberry
from tortoise.transactions import in_transaction

from domain.taxonomy import ADDRESSEE_LABELS_NL, MessageAuthor, MessageDirection, ReferralStatus
from models import FeedbackMessage
from resolvers.referrals.partner_access import referral_for_partner
from resolvers.theme_changes import announce
from resolvers.validation import check_text, parse_uuid
from schema.context import Info
from schema.errors import InputErrors, InvalidInput, InvalidState, NotFound, invalid_state
from schema.referrals.types import ReferralType


@strawberry.input
class AnswerReferralInput:
    referral_id: strawberry.ID
    answer: str = strawberry.field(description="Uw antwoord, in begrijpelijke taal voor melders.")


@strawberry.type
class ReferralAnswered:
    referral: ReferralType


AnswerReferralResult = Annotated[
    ReferralAnswered | InvalidInput | NotFound | InvalidState,
    strawberry.union("AnswerReferralResult"),
]


async def answer_referral(info: Info, input: AnswerReferralInput) -> AnswerReferralResult:
    errors = InputErrors()
    referral_id = parse_uuid(errors, "referralId", input.referral_id)
    answer = check_text(
        errors, "answer", input.answer, minimum=10, maximum=10_000, label="het antwoord"
    )
    if errors:
        return errors.result()
    referral = await referral_for_partner(info, referral_id)
    if isinstance(referral, NotFound):
        return referral
    if referral.status not in {ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED}:
        return invalid_state("Deze doorverwijzing is al beantwoord of nog niet verstuurd.")
    viewer = info.context.viewer
    assert viewer is not None
    async with in_transaction() as conn:
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
            body=f"Antwoord van de {ADDRESSEE_LABELS_NL[referral.addressee]}: {answer}",
            using_db=conn,
        )
    await announce(info, [referral.theme_id], "REFERRAL_ANSWERED")
    return ReferralAnswered(referral=ReferralType.from_model(referral))
