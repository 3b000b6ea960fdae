"""A partner reaches only referrals addressed to its own organisation; its list shows them
once they were sent."""

from __future__ import annotations

from tortoise.backends.base.client import BaseDBAsyncClient

from domain.errors import NotFound
from models import Referral
from resolvers.access import require_viewer
from schema.context import Info
from vocabulary import ReferralStatus
from vocabulary.translations import N_

VISIBLE_TO_PARTNER = frozenset(
    {
        ReferralStatus.SENT,
        ReferralStatus.ACKNOWLEDGED,
        ReferralStatus.ANSWERED,
        ReferralStatus.CLOSED,
    }
)


async def referral_for_partner(
    info: Info, referral_id: str, using_db: BaseDBAsyncClient | None = None
) -> Referral:
    """The partner's own referral, locked when `using_db` is a transaction; else NotFound."""
    viewer = require_viewer(info)
    query = Referral.filter(id=referral_id)
    if using_db is not None:
        query = query.using_db(using_db).select_for_update()
    referral = await query.first()
    if referral is None or referral.addressee.value != viewer.partner:
        raise NotFound.of(N_("Deze doorverwijzing"))
    return referral
