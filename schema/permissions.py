"""Role checks on fields. A refused field is a GraphQL error with code FORBIDDEN
(authentication and roles are not part of a mutation's domain errors). A token that is
presented but invalid never gets this far: the HTTP layer answers 401."""

from __future__ import annotations

from typing import Any, ClassVar

from strawberry.permission import BasePermission

from auth.roles import Role
from schema.context import Info
from vocabulary import ErrorCode


class _HasRole(BasePermission):
    roles: ClassVar[frozenset[Role]] = frozenset()
    message = "U heeft geen toegang tot dit onderdeel. Log in met een account dat dit mag."
    error_extensions: ClassVar[dict[str, Any]] = {"code": ErrorCode.FORBIDDEN.value}

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        viewer = info.context.viewer
        return viewer is not None and bool(self.roles & viewer.roles)


class IsStaff(_HasRole):
    roles = frozenset({Role.STAFF})


class IsMunicipality(_HasRole):
    roles = frozenset({Role.MUNICIPALITY, Role.STAFF})


class IsPartner(_HasRole):
    roles = frozenset({Role.PARTNER})


class IsAuthenticated(_HasRole):
    roles = frozenset(Role)
