"""Who am I: lets clients show the right screens for the token they hold."""

from __future__ import annotations

import strawberry

from schema.context import Info
from schema.enums import ViewerRole
from schema.policy import EVERYONE, policy


@policy(EVERYONE)
@strawberry.type
class ViewerInfo:
    subject: str
    roles: list[ViewerRole]
    municipality: str | None
    partner: str | None


def viewer(info: Info) -> ViewerInfo | None:
    v = info.context.viewer
    if v is None:
        return None
    return ViewerInfo(
        subject=v.subject,
        roles=sorted(v.roles),
        municipality=v.municipality_code,
        partner=v.partner,
    )
