"""acknowledgeReferral (partner): the addressee confirms it received the dossier."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import strawberry

from domain.taxonomy import ReferralStatus
from resolvers.referrals.partner_access import referral_for_partner
from resolvers.validation import parse_uuid
from schema.context import Info
from schema.errors import (
    ErrorCode,
    InputErrors,
    InvalidInput,
    InvalidState,
    NotFound,
    invalid_state,
)
from schema.referrals.types import ReferralType


@strawberry.input
class AcknowledgeReferralInput:
    referral_id: strawberry.ID
    partner_reference: str | None = strawberry.field(default=None, description="Uw eigen kenmerk.")


@strawberry.type
class ReferralAcknowledged:
    referral: ReferralType


AcknowledgeReferralResult = Annotated[
    ReferralAcknowledged | InvalidInput | NotFound | InvalidState,
    strawberry.union("AcknowledgeReferralResult"),
]


async def acknowledge_referral(
    info: Info, input: AcknowledgeReferralInput
) -> AcknowledgeReferralResult:
    errors = InputErrors()
    referral_id = parse_uuid(errors, "referralId", input.referral_id)
    if input.partner_reference and len(input.partner_reference) > 200:
        errors.add(
            "partnerReference", ErrorCode.TOO_LONG, "Het kenmerk mag hoogstens 200 tekens zijn."
        )
    if errors:
        return errors.result()
    referral = await referral_for_partner(info, referral_id)
    if isinstance(referral, NotFound):
        return referral
    if referral.status == ReferralStatus.ACKNOWLEDGED:
        return ReferralAcknowledged(referral=ReferralType.from_model(referral))  # idempotent
    if referral.status != ReferralStatus.SENT:
        return invalid_state("Alleen een verstuurde doorverwijzing kunt u bevestigen.")
    referral.status = ReferralStatus.ACKNOWLEDGED
    referral.acknowledged_at = datetime.now(UTC)
    if input.partner_reference:
        referral.partner_reference = input.partner_reference
    await referral.save()
    return ReferralAcknowledged(referral=ReferralType.from_model(referral))
