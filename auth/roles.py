"""Who is asking: the viewer derived from a validated token (or nobody)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from auth.errors import MissingClaim


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


@dataclass(frozen=True)
class ClaimPaths:
    """Where an identity provider puts what we read from a token, as dotted paths.

    Keycloak puts realm roles in `realm_access.roles` and client roles in
    `resource_access.<client>.roles`; the development issuer in `roles`. Every path listed
    for roles is read and the roles found are combined.
    """

    roles: tuple[str, ...] = ("roles", "realm_access.roles", "resource_access.signaalpunt.roles")
    municipality: str = "municipality"
    partner: str = "partner"


PARTNERS = frozenset({"NATIONALE_OMBUDSMAN", "VNG"})
MUNICIPALITY_CODE = re.compile(r"^GM[0-9]{4}$")


def _claim(claims: Mapping[str, object], path: str) -> object:
    value: object = claims
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def viewer_from_claims(claims: Mapping[str, object], paths: ClaimPaths = ClaimPaths()) -> Viewer:
    """The viewer a validated token describes; `MissingClaim` when a municipality or partner
    token does not say which one (it must never see everything)."""
    names: set[str] = set()
    for path in paths.roles:
        raw = _claim(claims, path)
        if isinstance(raw, str):
            names.update(raw.split())
        elif isinstance(raw, list | tuple):
            names.update(str(r) for r in raw)
    roles = frozenset(Role(r) for r in names if r in Role._value2member_map_)
    municipality = _claim(claims, paths.municipality)
    partner = _claim(claims, paths.partner)
    code = str(municipality).upper() if municipality else None
    if Role.MUNICIPALITY in roles and (code is None or not MUNICIPALITY_CODE.match(code)):
        raise MissingClaim("Dit gemeenteaccount zegt niet voor welke gemeente het spreekt.")
    if Role.PARTNER in roles and str(partner or "") not in PARTNERS:
        raise MissingClaim("Dit partneraccount zegt niet voor welke partner het spreekt.")
    name = claims.get("name")
    return Viewer(
        subject=str(claims["sub"]),
        roles=roles,
        name=str(name) if name else None,
        municipality_code=code,
        partner=str(partner) if partner else None,
    )
