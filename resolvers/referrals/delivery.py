"""A referral locked for a staff step, and its delivery job written in the same transaction
(outbox)."""

from __future__ import annotations

import uuid

from tortoise.backends.base.client import BaseDBAsyncClient

from domain.errors import NotFound
from messaging.jobs import Job
from messaging.outbox import add_job
from models import OutboxJob, Referral
from vocabulary.translations import N_


async def schedule_delivery(referral: Referral, conn: BaseDBAsyncClient) -> OutboxJob:
    """One outbox row per delivery round: approval, and each retry after a failed round."""
    referral_id = str(referral.id)
    subject = f"{referral_id}:{uuid.uuid4().hex[:12]}"
    return await add_job(Job.DELIVER_REFERRAL, subject, [referral_id], using_db=conn)


async def lock_referral(referral_id: str, conn: BaseDBAsyncClient) -> Referral:
    """The referral, locked for the rest of the transaction; NotFound if there is none."""
    referral = await Referral.filter(id=referral_id).using_db(conn).select_for_update().first()
    if referral is None:
        raise NotFound.of(N_("Deze doorverwijzing"))
    return referral
