"""The frontend contract: the live schema equals the snapshot, and every operation the
clients send validates against the schema the running app serves."""

from __future__ import annotations

from graphql import build_client_schema, get_introspection_query, parse, validate

from frontend_contract import SDL_PATH, all_operations, current_sdl
from tests.conftest import Stack


def test_schema_matches_snapshot() -> None:
    assert SDL_PATH.read_text(encoding="utf-8") == current_sdl(), (
        "The schema changed: review the change for clients, then run `signaalpunt export-schema`."
    )


def test_every_operation_validates_against_the_running_app(stack: Stack) -> None:
    introspection = stack.api.gql(get_introspection_query())
    served = build_client_schema(introspection)
    operations = all_operations()
    assert len(operations) >= 25
    failures = {
        name: [e.message for e in validate(served, parse(document))]
        for name, document in operations.items()
    }
    assert {name: errors for name, errors in failures.items() if errors} == {}
