"""retryDelivery (staff): a delivery that failed is tried again, from its first attempt."""

from __future__ import annotations

from typing import Annotated

import strawberry
from tortoise.transactions import in_transaction

from domain import audit, workflow
from domain.errors import InputErrors
from messaging.outbox import try_enqueue
from resolvers.access import require_viewer
from resolvers.errors import errors_as_data
from resolvers.referrals.delivery import lock_referral, schedule_delivery
from resolvers.validation import parse_uuid
from schema.context import Info
from schema.errors import (
    InvalidInputError,
    InvalidStateError,
    NotFoundError,
    TemporarilyUnavailableError,
)
from schema.policy import STAFF, policy
from schema.referrals.types import ReferralType
from vocabulary import ReferralStatus


@strawberry.input
class RetryDeliveryInput:
    referral_id: strawberry.ID


@policy(STAFF)
@strawberry.type
class DeliveryRetried:
    referral: ReferralType


RetryDeliveryResult = Annotated[
    DeliveryRetried
    | InvalidInputError
    | NotFoundError
    | InvalidStateError
    | TemporarilyUnavailableError,
    strawberry.union("RetryDeliveryResult"),
]


@errors_as_data
async def retry_delivery(info: Info, input: RetryDeliveryInput) -> RetryDeliveryResult:
    viewer = require_viewer(info)
    problems = InputErrors()
    referral_id = parse_uuid(problems, "referralId", input.referral_id)
    problems.raise_if_any()
    async with in_transaction() as conn:
        referral = await lock_referral(referral_id, conn)
        workflow.check_referral(referral.status, ReferralStatus.APPROVED, workflow.STAFF)
        referral.status = ReferralStatus.APPROVED
        await referral.save(using_db=conn)
        job = await schedule_delivery(referral, conn)
        await audit.record(
            viewer, "referral.delivery_retried", "referral", referral_id, using_db=conn
        )
    await try_enqueue(info.context.services.queue, job)
    return DeliveryRetried(referral=ReferralType.from_model(referral))
