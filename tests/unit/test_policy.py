"""The authorization walk: from every audience's roots, every type and field it can reach has a
declared policy, the policy is checked where it narrows, and the sensitive parts stay out of
reach of those who must not see them. A type or root field added without a policy fails here.
"""

from __future__ import annotations

from collections import deque
from functools import cache

import pytest
from graphql import (
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLUnionType,
    get_named_type,
)
from strawberry import Schema
from strawberry.types.base import StrawberryObjectDefinition

from schema.policy import (
    ANONYMOUS,
    EVERYONE,
    MUNICIPALITY,
    PARTNER,
    PROFESSIONAL,
    RESIDENT,
    STAFF,
    Allowed,
    Audience,
    policy_of,
)
from signaalpunt.graphql_schema import build_schema

ROOTS = ("Query", "Mutation", "Subscription")


@cache
def _schema() -> Schema:
    return build_schema()


def _definition(name: str) -> StrawberryObjectDefinition:
    found = _schema().get_type_by_name(name)
    assert isinstance(found, StrawberryObjectDefinition), name
    return found


def _field_policies(type_name: str) -> dict[str, frozenset[Audience] | None]:
    """graphql field name -> the audiences its own permission allows (None: the type's)."""
    schema = _schema()
    exposed = schema._schema.type_map[type_name].fields  # type: ignore[union-attr]
    out: dict[str, frozenset[Audience] | None] = {}
    for field in _definition(type_name).fields:
        name = schema.config.name_converter.get_graphql_name(field)
        if name not in exposed:  # strawberry.Private
            continue
        allowed = [p for p in field.permission_classes if issubclass(p, Allowed)]
        out[name] = frozenset().union(*(p.audiences for p in allowed)) if allowed else None
    return out


def _object_types(named: object) -> list[str]:
    if isinstance(named, GraphQLUnionType):
        return [t.name for t in named.types]
    if isinstance(named, GraphQLInterfaceType):
        return [named.name] + [
            t.name
            for t in _schema()._schema.get_possible_types(named)  # type: ignore[arg-type]
        ]
    if isinstance(named, GraphQLObjectType):
        return [named.name]
    return []


def reachable(audience: Audience) -> dict[tuple[str, str], frozenset[Audience]]:
    """(type, field) -> effective audience, for every field `audience` can run."""
    graphql = _schema()._schema
    seen: dict[tuple[str, str], frozenset[Audience]] = {}
    queue: deque[str] = deque()
    for root in ROOTS:
        for field_name, own in _field_policies(root).items():
            assert own is not None, f"{root}.{field_name} declares no policy"
            if audience in own:
                seen[(root, field_name)] = own
                root_type = graphql.type_map[root]
                assert isinstance(root_type, GraphQLObjectType)
                queue.extend(_object_types(get_named_type(root_type.fields[field_name].type)))
    visited: set[str] = set()
    while queue:
        type_name = queue.popleft()
        if type_name in visited:
            continue
        visited.add(type_name)
        type_policy = policy_of(_definition(type_name).origin)
        assert type_policy is not None, f"{type_name} has no @policy"
        assert audience in type_policy, f"{type_name} reaches {audience}, its policy says no"
        graphql_type = graphql.type_map[type_name]
        for field_name, own in _field_policies(type_name).items():
            effective = own if own is not None else type_policy
            if audience not in effective:
                continue
            seen[(type_name, field_name)] = effective
            field = graphql_type.fields[field_name]  # type: ignore[union-attr]
            queue.extend(_object_types(get_named_type(field.type)))
    return seen


@pytest.mark.parametrize("audience", list(Audience))
def test_everything_an_audience_reaches_has_a_policy_that_admits_it(audience: Audience) -> None:
    assert reachable(audience)  # the asserts inside the walk do the checking


def test_every_type_in_the_schema_declares_its_audience() -> None:
    missing = [
        name
        for name, graphql_type in _schema()._schema.type_map.items()
        if isinstance(graphql_type, GraphQLObjectType | GraphQLInterfaceType)
        and not name.startswith("__")
        and name not in ROOTS
        and policy_of(_definition(name).origin) is None
    ]
    assert missing == []


def test_a_narrower_field_is_checked_when_it_runs() -> None:
    """A field open to fewer audiences than its type carries a permission of its own."""
    for type_name, graphql_type in _schema()._schema.type_map.items():
        if not isinstance(graphql_type, GraphQLObjectType) or type_name.startswith("__"):
            continue
        if type_name in ROOTS:
            continue
        type_policy = policy_of(_definition(type_name).origin) or EVERYONE
        for field_name, own in _field_policies(type_name).items():
            if own is not None:
                assert own <= type_policy, f"{type_name}.{field_name} is wider than its type"


def _types(audience: Audience) -> set[str]:
    return {type_name for type_name, _ in reachable(audience)}


def test_originals_are_for_staff_only() -> None:
    for audience in Audience:
        has = ("Report", "originalText") in reachable(audience)
        assert has == (audience == STAFF), audience


def test_a_partner_reaches_referrals_and_dossiers_never_reports_or_themes() -> None:
    types = _types(PARTNER)
    assert "Referral" in types and ("Referral", "dossier") in reachable(PARTNER)
    assert {"Report", "Theme", "DeliveryAttempt", "AuditEvent"}.isdisjoint(types)
    assert ("Referral", "theme") not in reachable(PARTNER)


def test_a_municipality_reaches_aggregates_only() -> None:
    types = _types(MUNICIPALITY)
    assert {"ThemeSummary", "MunicipalityCount"} <= types
    assert {"Report", "Theme", "Referral", "FeedbackMessage", "ReporterView"} & types <= {
        "ReporterView",  # its own reports, if it ever submitted one signed in
        "FeedbackMessage",  # the messages on those
    }
    assert ("Query", "reports") not in reachable(MUNICIPALITY)


@pytest.mark.parametrize("audience", [ANONYMOUS, RESIDENT, PROFESSIONAL])
def test_reporters_reach_their_own_view_and_no_staff_type(audience: Audience) -> None:
    types = _types(audience)
    assert "ReporterView" in types
    assert {"Report", "Theme", "Referral", "ThemeSummary", "AuditEvent"}.isdisjoint(types)
