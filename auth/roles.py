"""Who is asking: the viewer derived from a validated token (or nobody)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    RESIDENT = "resident"
    PROFESSIONAL = "professional"
    STAFF = "staff"
    MUNICIPALITY = "municipality"
    PARTNER = "partner"


@dataclass(frozen=True)
class Viewer:
    subject: str
    roles: frozenset[Role] = field(default_factory=frozenset)
    name: str | None = None
    # Municipality role: the CBS code (e.g. GM0363) this account speaks for.
    municipality_code: str | None = None
    # Partner role: NATIONALE_OMBUDSMAN or VNG.
    partner: str | None = None

    def has(self, role: Role) -> bool:
        return role in self.roles

    @property
    def primary_role(self) -> str:
        for role in (Role.STAFF, Role.PARTNER, Role.MUNICIPALITY, Role.PROFESSIONAL):
            if role in self.roles:
                return role.value
        return Role.RESIDENT.value


def viewer_from_claims(claims: dict[str, object]) -> Viewer:
    raw_roles = claims.get("roles") or []
    if isinstance(raw_roles, str):
        raw_roles = raw_roles.split()
    roles = frozenset(Role(r) for r in raw_roles if r in Role._value2member_map_)  # type: ignore[union-attr]
    return Viewer(
        subject=str(claims["sub"]),
        roles=roles,
        name=str(claims["name"]) if claims.get("name") else None,
        municipality_code=str(claims["municipality"]) if claims.get("municipality") else None,
        partner=str(claims["partner"]) if claims.get("partner") else None,
    )
