"""The delivery job of a referral, written in the approving transaction (outbox)."""

from __future__ import annotations

import uuid

from tortoise.backends.base.client import BaseDBAsyncClient

from messaging.jobs import Job
from messaging.outbox import add_job
from models import OutboxJob, Referral


async def schedule_delivery(referral: Referral, conn: BaseDBAsyncClient) -> OutboxJob:
    """One outbox row per delivery round: approval, and each retry after a failed round."""
    referral_id = str(referral.id)
    subject = f"{referral_id}:{uuid.uuid4().hex[:12]}"
    return await add_job(Job.DELIVER_REFERRAL, subject, [referral_id], using_db=conn)
