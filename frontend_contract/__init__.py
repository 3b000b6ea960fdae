"""The contract with our clients: the exported SDL and the operations they send.

`schema.graphql` is the live schema, sorted so diffs read well; `release.graphql` the schema of
the last release, and `CHANGELOG.md` every change since that can break a client; `operations/`
holds, per client (resident web client, staff console, municipalities, partners), the
documents they use. Tests fail when the schema drifts from the snapshot, when a breaking or
dangerous change is not in the changelog, and when an operation stops validating.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

CONTRACT_DIR = Path(__file__).parent
SDL_PATH = CONTRACT_DIR / "schema.graphql"
RELEASE_PATH = CONTRACT_DIR / "release.graphql"
CHANGELOG_PATH = CONTRACT_DIR / "CHANGELOG.md"
PERSISTED_PATH = CONTRACT_DIR / "persisted-documents.json"
OPERATIONS_DIR = CONTRACT_DIR / "operations"


def operation(name: str) -> str:
    """The document of one named operation, whichever client folder holds it."""
    matches = list(OPERATIONS_DIR.glob(f"*/{name}.graphql"))
    if len(matches) != 1:
        raise KeyError(f"operation {name!r} not found (or ambiguous) in {OPERATIONS_DIR}")
    return matches[0].read_text(encoding="utf-8")


def document_id(document: str) -> str:
    """The persisted-document id of an operation: `sha256:` and the hex digest of its text."""
    return "sha256:" + hashlib.sha256(document.encode("utf-8")).hexdigest()


def persisted_documents() -> dict[str, dict[str, str]]:
    """id -> {client, name, document} for every operation of every client."""
    return {
        document_id(text): {
            "client": key.split("/")[0],
            "name": key.split("/")[1],
            "document": text,
        }
        for key, text in all_operations().items()
    }


def all_operations() -> dict[str, str]:
    return {
        f"{path.parent.name}/{path.stem}": path.read_text(encoding="utf-8")
        for path in sorted(OPERATIONS_DIR.glob("*/*.graphql"))
    }


def client_operations(client: str) -> list[str]:
    """The documents of one client (`staff`, `resident`, …), by name."""
    return [text for key, text in all_operations().items() if key.split("/")[0] == client]
