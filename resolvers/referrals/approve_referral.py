"""approveReferral (staff, four eyes): a second staff member approves; a worker delivers."""

from __future__ import annotations

from typing import Annotated

import strawberry
from tortoise.transactions import in_transaction

from domain import audit, workflow
from domain.errors import FourEyesRequired, InputErrors
from messaging.outbox import try_enqueue
from resolvers.access import require_viewer
from resolvers.errors import errors_as_data
from resolvers.referrals.delivery import lock_referral, schedule_delivery
from resolvers.validation import parse_uuid
from schema.context import Info
from schema.errors import (
    FourEyesRequiredError,
    InvalidInputError,
    InvalidStateError,
    NotFoundError,
    TemporarilyUnavailableError,
)
from schema.policy import STAFF, policy
from schema.referrals.types import ReferralType
from vocabulary import ReferralStatus


@strawberry.input
class ApproveReferralInput:
    referral_id: strawberry.ID


@policy(STAFF)
@strawberry.type
class ReferralApproved:
    referral: ReferralType


ApproveReferralResult = Annotated[
    ReferralApproved
    | InvalidInputError
    | NotFoundError
    | InvalidStateError
    | FourEyesRequiredError
    | TemporarilyUnavailableError,
    strawberry.union("ApproveReferralResult"),
]


@errors_as_data
async def approve_referral(info: Info, input: ApproveReferralInput) -> ApproveReferralResult:
    viewer = require_viewer(info)
    problems = InputErrors()
    referral_id = parse_uuid(problems, "referralId", input.referral_id)
    problems.raise_if_any()
    async with in_transaction() as conn:
        referral = await lock_referral(referral_id, conn)
        if referral.status != ReferralStatus.AWAITING_APPROVAL:
            raise workflow.InvalidState("Deze doorverwijzing is al goedgekeurd.")
        if referral.requested_by == viewer.subject:
            raise FourEyesRequired(
                "U heeft deze doorverwijzing zelf voorbereid. Een collega moet haar goedkeuren."
            )
        workflow.check_referral(referral.status, ReferralStatus.APPROVED, workflow.STAFF)
        referral.status = ReferralStatus.APPROVED
        referral.approved_by = viewer.subject
        await referral.save(using_db=conn)
        job = await schedule_delivery(referral, conn)
        await audit.record(viewer, "referral.approved", "referral", referral_id, using_db=conn)
    await try_enqueue(info.context.services.queue, job)
    return ReferralApproved(referral=ReferralType.from_model(referral))
