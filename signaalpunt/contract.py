"""The contract with clients: the live schema, what changed since the last release, and
whether each change that can break a client is recorded in the changelog."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from graphql import (
    build_schema as build_from_sdl,
)
from graphql import (
    find_breaking_changes,
    find_dangerous_changes,
    lexicographic_sort_schema,
    print_schema,
)

from frontend_contract import CHANGELOG_PATH, RELEASE_PATH
from signaalpunt.graphql_schema import build_schema

UNRELEASED = "## Unreleased"


def current_sdl() -> str:
    return print_schema(lexicographic_sort_schema(build_schema()._schema)) + "\n"


def changes_since_release(release_sdl: str, live_sdl: str) -> list[str]:
    """Every breaking and dangerous change, as `KIND: description`."""
    old, new = build_from_sdl(release_sdl), build_from_sdl(live_sdl)
    return [f"BREAKING {c.type.name}: {c.description}" for c in find_breaking_changes(old, new)] + [
        f"DANGEROUS {c.type.name}: {c.description}" for c in find_dangerous_changes(old, new)
    ]


def unrecorded(changes: list[str], changelog: str) -> list[str]:
    """The changes whose line is missing from the changelog's unreleased section."""
    section = changelog.split(UNRELEASED, 1)[1] if UNRELEASED in changelog else ""
    section = re.split(r"\n## ", section, maxsplit=1)[0]
    return [change for change in changes if change not in section]


def release(version: str) -> None:
    """Make the live schema the last release; its changes move under `version`."""
    changelog = CHANGELOG_PATH.read_text(encoding="utf-8")
    day = datetime.now(UTC).date().isoformat()
    changelog = changelog.replace(UNRELEASED, f"{UNRELEASED}\n\n## {version} ({day})", 1)
    CHANGELOG_PATH.write_text(changelog, encoding="utf-8")
    RELEASE_PATH.write_text(current_sdl(), encoding="utf-8")
