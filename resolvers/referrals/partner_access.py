"""A partner sees only referrals addressed to its own organisation."""

from __future__ import annotations

from models import Referral
from schema.context import Info
from schema.errors import NotFound, not_found


async def referral_for_partner(info: Info, referral_id: str) -> Referral | NotFound:
    viewer = info.context.viewer
    assert viewer is not None
    referral = await Referral.get_or_none(id=referral_id)
    if referral is None or referral.addressee.value != viewer.partner:
        return not_found("Deze doorverwijzing")
    return referral
