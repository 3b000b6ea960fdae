"""The frontend contract: the live schema equals the snapshot, every change since the last
release that can break a client is in the changelog, and every client operation validates."""

from __future__ import annotations

import json

from graphql import build_schema, parse, validate

from frontend_contract import (
    CHANGELOG_PATH,
    PERSISTED_PATH,
    RELEASE_PATH,
    SDL_PATH,
    all_operations,
    persisted_documents,
)
from signaalpunt.contract import changes_since_release, current_sdl, unrecorded


def test_schema_matches_snapshot() -> None:
    assert SDL_PATH.read_text(encoding="utf-8") == current_sdl(), (
        "The schema changed: review the change for clients, then run `signaalpunt export-schema`."
    )


def test_the_trusted_documents_are_the_contract_operations() -> None:
    stored = json.loads(PERSISTED_PATH.read_text(encoding="utf-8"))
    assert stored == persisted_documents(), "Run `signaalpunt export-schema`."
    assert all(key.startswith("sha256:") and len(key) == 71 for key in stored)


def test_every_change_that_can_break_a_client_is_in_the_changelog() -> None:
    changes = changes_since_release(RELEASE_PATH.read_text(encoding="utf-8"), current_sdl())
    missing = unrecorded(changes, CHANGELOG_PATH.read_text(encoding="utf-8"))
    assert missing == [], "Record these under 'Unreleased' in frontend_contract/CHANGELOG.md"


def test_the_gate_catches_a_removed_field() -> None:
    """The control: removing `Query.referrals` is a breaking change nobody recorded."""
    live = current_sdl()
    without = live.replace(
        live[live.index("  referrals(") : live.index("\n", live.index("  referrals("))], ""
    )
    changes = changes_since_release(live, without)
    assert changes == ["BREAKING FIELD_REMOVED: Field Query.referrals was removed."]
    assert unrecorded(changes, CHANGELOG_PATH.read_text(encoding="utf-8")) == changes


def test_every_operation_validates_against_the_live_schema() -> None:
    schema = build_schema(current_sdl())
    operations = all_operations()
    assert len(operations) >= 25
    failures = {
        name: [e.message for e in validate(schema, parse(document))]
        for name, document in operations.items()
    }
    assert {name: errors for name, errors in failures.items() if errors} == {}
