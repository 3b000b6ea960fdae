"""acknowledgeReferral (partner): the addressee confirms it received the dossier."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import strawberry

from domain.taxonomy import ReferralStatus
from resolvers.referrals.partner_access import referral_for_partner
from resolvers.validation import check_optional_text, parse_uuid
from schema.context import Info
from schema.errors import (
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
    partner_reference = check_optional_text(
        errors, "partnerReference", input.partner_reference, maximum=200, label="het kenmerk"
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
    if partner_reference:
        referral.partner_reference = partner_reference
    await referral.save()
    return ReferralAcknowledged(referral=ReferralType.from_model(referral))
