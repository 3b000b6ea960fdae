"""The OWASP GraphQL abuse set, as requests: each must be refused before it costs anything.

Shared by the API tier's tests (which assert the refusal) and `bench/abuse.py` (which times
it and measures the memory it takes on a real server)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Abuse:
    name: str
    body: bytes
    statuses: tuple[int, ...]  # acceptable HTTP statuses
    codes: tuple[str, ...]  # acceptable `extensions.code` of the first error (or of the body)


def _json(payload: Any) -> bytes:
    return json.dumps(payload).encode()


def _query(text: str, variables: dict[str, Any] | None = None) -> bytes:
    return _json({"query": text, "variables": variables or {}})


def abuses() -> list[Abuse]:
    deep = "{ reports { nodes { theme { reports { nodes { theme { reports { nodes { theme { reports { nodes { theme { id } } } } } } } } } } } } }"
    wide = "{ taxonomy { " + " ".join(["domains { label }"] * 800) + " } }"
    aliases = (
        "{ " + " ".join(f"a{n}: taxonomy {{ domains {{ label }} }}" for n in range(200)) + " }"
    )
    duplicated = "{ viewer { " + " ".join(["subject"] * 3000) + " } }"
    cycle = "query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }"
    directives = "{ viewer " + " ".join(["@include(if: true)"] * 1500) + " { subject } }"
    costly = (
        "{ reports(first: 100) { nodes { duplicates(first: 100) { nodes "
        "{ duplicates(first: 100) { nodes { id } } } } } } }"
    )
    batch = _json([{"query": "{ viewer { subject } }"}] * 500)
    huge_document = _query("{ viewer { subject } }" + " " * 2_000_000)
    huge_variables = _query("query($t: String!) { viewer { subject } }", {"t": "x" * 50_000_000})
    deep_json = (
        b'{"query": "{ viewer { subject } }", "variables": {"a": '
        + b"[" * 100_000
        + b"]" * 100_000
        + b"}}"
    )
    many_operations = (
        " ".join(f"query Q{n} {{ viewer {{ subject }} }}" for n in range(3000))
    )  # fmt: skip
    too_many_tokens = "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT", "GRAPHQL_PARSE_FAILED"
    return [
        Abuse("depth", _query(deep), (200, 400), ("GRAPHQL_VALIDATION_FAILED",)),
        Abuse("width", _query(wide), (200, 400), too_many_tokens),
        Abuse("aliases", _query(aliases), (200, 400), ("GRAPHQL_VALIDATION_FAILED",)),
        Abuse("field duplication", _query(duplicated), (200, 400), too_many_tokens),
        Abuse("fragment cycle", _query(cycle), (200, 400), ("GRAPHQL_VALIDATION_FAILED",)),
        Abuse("directive overloading", _query(directives), (200, 400), too_many_tokens),
        Abuse("cost", _query(costly), (200, 400), ("QUERY_TOO_COSTLY",)),
        Abuse("batching", batch, (400,), ("",)),
        Abuse("huge document", huge_document, (413,), ("REQUEST_TOO_LARGE",)),
        Abuse("huge variables", huge_variables, (413,), ("REQUEST_TOO_LARGE",)),
        Abuse("deep JSON", deep_json, (400,), ("JSON_TOO_DEEP",)),
        Abuse("many operations", _query(many_operations), (200, 400), too_many_tokens),
    ]


def first_code(text: str) -> str:
    try:
        body = json.loads(text)
    except ValueError:
        return ""
    errors = body.get("errors") if isinstance(body, dict) else None
    if not errors:
        return ""
    return str((errors[0].get("extensions") or {}).get("code", ""))
