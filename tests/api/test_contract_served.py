"""The operations of every client validate against the schema the app actually serves."""

from __future__ import annotations

from graphql import build_client_schema, get_introspection_query, parse, validate

from frontend_contract import all_operations
from tests.stack import Stack


def test_every_operation_validates_against_the_running_app(stack: Stack) -> None:
    introspection = stack.api.gql(get_introspection_query())
    served = build_client_schema(introspection)
    failures = {
        name: [e.message for e in validate(served, parse(document))]
        for name, document in all_operations().items()
    }
    assert {name: errors for name, errors in failures.items() if errors} == {}
