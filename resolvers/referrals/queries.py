"""Referral queries for staff (all) and partners (their own, once sent)."""

from __future__ import annotations

import uuid

import strawberry

from models import Referral
from resolvers.access import require_viewer
from resolvers.pagination import paginate
from resolvers.referrals.partner_access import VISIBLE_TO_PARTNER
from schema.context import Info
from schema.enums import ReferralStatus
from schema.pagination import Connection
from schema.referrals.types import ReferralType


async def referrals(
    info: Info,
    status: ReferralStatus | None = None,
    first: int | None = 20,
    after: str | None = None,
    overdue: bool | None = None,
) -> Connection[ReferralType]:
    """`overdue`: only the referrals whose partner answer is late (marked by the daily run)."""
    query = Referral.all()
    if status is not None:
        query = query.filter(status=status.value)
    if overdue:
        query = query.filter(answer_breached_at__not_isnull=True, answered_at=None)
    return await paginate(query, ReferralType.from_model, first=first, after=after)


async def referral(info: Info, id: strawberry.ID) -> ReferralType | None:
    try:
        found = await Referral.get_or_none(id=uuid.UUID(str(id)))
    except ValueError:
        return None
    return ReferralType.from_model(found) if found else None


async def partner_referrals(
    info: Info, first: int | None = 20, after: str | None = None
) -> Connection[ReferralType]:
    viewer = require_viewer(info)
    query = Referral.filter(addressee=viewer.partner or "", status__in=list(VISIBLE_TO_PARTNER))
    return await paginate(query, ReferralType.from_model, first=first, after=after)
