"""acknowledgeReferral (partner): the addressee confirms it received the dossier."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated

import strawberry
from tortoise.transactions import in_transaction

from domain import workflow
from domain.errors import InputErrors
from resolvers.errors import errors_as_data
from resolvers.referrals.partner_access import referral_for_partner
from resolvers.theme_changes import announce
from resolvers.validation import check_optional_free_text, parse_uuid
from schema.context import Info
from schema.errors import (
    InvalidInputError,
    InvalidStateError,
    NotFoundError,
    TemporarilyUnavailableError,
)
from schema.policy import PARTNER, policy
from schema.referrals.types import ReferralType
from vocabulary import ErrorCode, ReferralStatus
from vocabulary.translations import N_


@strawberry.input
class AcknowledgeReferralInput:
    referral_id: strawberry.ID
    partner_reference: str | None = strawberry.field(default=None, description="Uw eigen kenmerk.")
    expected_answer_by: date | None = strawberry.field(
        default=None,
        description="Wanneer u verwacht te antwoorden (binnen een jaar); anders 8 weken na "
        "verzenden.",
    )


@policy(PARTNER)
@strawberry.type
class ReferralAcknowledged:
    referral: ReferralType


AcknowledgeReferralResult = Annotated[
    ReferralAcknowledged
    | InvalidInputError
    | NotFoundError
    | InvalidStateError
    | TemporarilyUnavailableError,
    strawberry.union("AcknowledgeReferralResult"),
]


@errors_as_data
async def acknowledge_referral(
    info: Info, input: AcknowledgeReferralInput
) -> AcknowledgeReferralResult:
    problems = InputErrors()
    referral_id = parse_uuid(problems, "referralId", input.referral_id)
    partner_reference = check_optional_free_text(
        problems, "partnerReference", input.partner_reference, maximum=200, label=N_("het kenmerk")
    )
    today = datetime.now(UTC).date()
    expected = input.expected_answer_by
    if expected is not None and not today <= expected <= today + timedelta(days=366):
        problems.add(
            "expectedAnswerBy",
            ErrorCode.INVALID_VALUE,
            "Kies een datum vanaf vandaag en binnen een jaar.",
        )
    problems.raise_if_any()
    async with in_transaction() as conn:
        referral = await referral_for_partner(info, referral_id, using_db=conn)
        if referral.status == ReferralStatus.ACKNOWLEDGED:
            return ReferralAcknowledged(referral=ReferralType.from_model(referral))  # idempotent
        workflow.check_referral(referral.status, ReferralStatus.ACKNOWLEDGED, workflow.PARTNER)
        referral.status = ReferralStatus.ACKNOWLEDGED
        referral.acknowledged_at = datetime.now(UTC)
        if partner_reference:
            referral.partner_reference = partner_reference
        if expected is not None:
            referral.answer_due = expected
        await referral.save(using_db=conn)
    await announce(info, [referral.theme_id], "REFERRAL_ACKNOWLEDGED")
    return ReferralAcknowledged(referral=ReferralType.from_model(referral))
