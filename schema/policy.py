"""Who may reach what: a policy on every GraphQL type, and on fields that narrow it.

- Every object type declares its audience with `@policy(...)`: the viewers that may ever see
  an object of that type. Its fields inherit that audience.
- A field that is narrower than its type (`Referral.theme` is for staff, while partners see
  their own referrals) and every root field carries `allow(...)`: a permission checked when
  the field runs. A refused field is a GraphQL error with code FORBIDDEN.
- `tests/unit/test_policy.py` walks the schema from every audience's roots: every type it
  reaches must have a policy, no field may hand a type to an audience the type does not
  allow, and every narrowing is checked at run time. A type or root field added without a
  policy fails that test.

A token that is presented but invalid never gets this far: the HTTP layer answers 401.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import cache
from typing import Any, ClassVar, TypeVar

from strawberry.permission import BasePermission

from auth.roles import Role, Viewer
from schema.context import Info
from vocabulary import ErrorCode


class Audience(StrEnum):
    ANONYMOUS = "anonymous"
    RESIDENT = "resident"
    PROFESSIONAL = "professional"
    STAFF = "staff"
    MUNICIPALITY = "municipality"
    PARTNER = "partner"


ANONYMOUS, RESIDENT, PROFESSIONAL = Audience.ANONYMOUS, Audience.RESIDENT, Audience.PROFESSIONAL
STAFF, MUNICIPALITY, PARTNER = Audience.STAFF, Audience.MUNICIPALITY, Audience.PARTNER
EVERYONE = frozenset(Audience)
SIGNED_IN = EVERYONE - {ANONYMOUS}

POLICY_ATTRIBUTE = "__signaalpunt_policy__"
T = TypeVar("T")


def audiences_of(viewer: Viewer | None) -> frozenset[Audience]:
    if viewer is None:
        return frozenset({ANONYMOUS})
    return frozenset(Audience(role.value) for role in viewer.roles if role in Role)


def policy(*audiences: Audience | frozenset[Audience]) -> Callable[[T], T]:
    """Declare the audience of a type (apply it above `@strawberry.type`)."""
    allowed = _flatten(audiences)

    def declare(cls: T) -> T:
        setattr(cls, POLICY_ATTRIBUTE, allowed)
        return cls

    return declare


def policy_of(cls: type) -> frozenset[Audience] | None:
    return getattr(cls, POLICY_ATTRIBUTE, None)


class Allowed(BasePermission):
    audiences: ClassVar[frozenset[Audience]] = frozenset()
    message = "U heeft geen toegang tot dit onderdeel. Log in met een account dat dit mag."
    error_extensions: dict[str, Any] | None = {"code": ErrorCode.FORBIDDEN.value}

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return bool(self.audiences & audiences_of(info.context.viewer))


@cache
def _permission(audiences: frozenset[Audience]) -> type[Allowed]:
    name = "Allow_" + "_".join(sorted(audiences))
    return type(name, (Allowed,), {"audiences": audiences})


def allow(*audiences: Audience | frozenset[Audience]) -> list[type[BasePermission]]:
    """The permission classes of a field open to these audiences."""
    return [_permission(_flatten(audiences))]


def _flatten(audiences: tuple[Audience | frozenset[Audience], ...]) -> frozenset[Audience]:
    out: set[Audience] = set()
    for item in audiences:
        out |= {item} if isinstance(item, Audience) else set(item)
    return frozenset(out)
