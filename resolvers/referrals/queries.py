"""Referral queries for staff (all) and partners (their own, once sent)."""

from __future__ import annotations

import uuid

import strawberry

from models import Referral
from resolvers.access import require_viewer
from resolvers.referrals.partner_access import VISIBLE_TO_PARTNER
from schema.context import Info
from schema.enums import ReferralStatus
from schema.referrals.types import ReferralType


async def referrals(info: Info, status: ReferralStatus | None = None) -> list[ReferralType]:
    query = Referral.all()
    if status is not None:
        query = query.filter(status=status.value)
    return [ReferralType.from_model(r) for r in await query.order_by("-created_at").limit(200)]


async def referral(info: Info, id: strawberry.ID) -> ReferralType | None:
    try:
        found = await Referral.get_or_none(id=uuid.UUID(str(id)))
    except ValueError:
        return None
    return ReferralType.from_model(found) if found else None


async def partner_referrals(info: Info) -> list[ReferralType]:
    viewer = require_viewer(info)
    rows = (
        await Referral.filter(addressee=viewer.partner or "", status__in=list(VISIBLE_TO_PARTNER))
        .order_by("-created_at")
        .limit(200)
    )
    return [ReferralType.from_model(r) for r in rows]
