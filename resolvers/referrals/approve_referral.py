"""approveReferral (staff, four eyes): a second staff member approves; a worker delivers."""

from __future__ import annotations

from typing import Annotated

import strawberry
from tortoise.transactions import in_transaction

from domain.taxonomy import ReferralStatus
from messaging.outbox import add_job, try_enqueue
from models import Referral
from resolvers import audit
from resolvers.validation import parse_uuid
from schema.context import Info
from schema.errors import (
    ErrorCode,
    FourEyesRequired,
    InputErrors,
    InvalidInput,
    InvalidState,
    NotFound,
    invalid_state,
    not_found,
)
from schema.referrals.types import ReferralType
from workers.deliver_referral import job_key


@strawberry.input
class ApproveReferralInput:
    referral_id: strawberry.ID


@strawberry.type
class ReferralApproved:
    referral: ReferralType


ApproveReferralResult = Annotated[
    ReferralApproved | InvalidInput | NotFound | InvalidState | FourEyesRequired,
    strawberry.union("ApproveReferralResult"),
]


async def approve_referral(info: Info, input: ApproveReferralInput) -> ApproveReferralResult:
    errors = InputErrors()
    referral_id = parse_uuid(errors, "referralId", input.referral_id)
    if errors:
        return errors.result()
    viewer = info.context.viewer
    assert viewer is not None
    services = info.context.services
    async with in_transaction() as conn:
        referral = await Referral.filter(id=referral_id).using_db(conn).select_for_update().first()
        if referral is None:
            return not_found("Deze doorverwijzing")
        if referral.status != ReferralStatus.AWAITING_APPROVAL:
            return invalid_state("Deze doorverwijzing is al goedgekeurd.")
        if referral.requested_by == viewer.subject:
            return FourEyesRequired(
                code=ErrorCode.FOUR_EYES_REQUIRED,
                message="U heeft deze doorverwijzing zelf voorbereid. Een collega moet haar goedkeuren.",
            )
        referral.status = ReferralStatus.APPROVED
        referral.approved_by = viewer.subject
        await referral.save(using_db=conn)
        job = await add_job("deliver_referral", job_key(referral_id), [referral_id], using_db=conn)
        await audit.record(viewer, "referral.approved", "referral", referral_id, using_db=conn)
    await try_enqueue(services.redis, services.settings.queue_name, job)
    return ReferralApproved(referral=ReferralType.from_model(referral))
