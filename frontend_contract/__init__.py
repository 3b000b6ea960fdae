"""The contract with our clients: the exported SDL and the operations they send.

`schema.graphql` is the live schema, sorted so diffs read well; `operations/` holds, per
client (resident web client, staff console, municipalities, partners), the documents they use.
A test fails when the schema drifts from the snapshot or an operation stops validating.
"""

from __future__ import annotations

from pathlib import Path

from graphql import lexicographic_sort_schema, print_schema

CONTRACT_DIR = Path(__file__).parent
SDL_PATH = CONTRACT_DIR / "schema.graphql"
OPERATIONS_DIR = CONTRACT_DIR / "operations"


def current_sdl() -> str:
    from schema.root import build_schema

    return print_schema(lexicographic_sort_schema(build_schema()._schema)) + "\n"


def operation(name: str) -> str:
    """The document of one named operation, whichever client folder holds it."""
    matches = list(OPERATIONS_DIR.glob(f"*/{name}.graphql"))
    if len(matches) != 1:
        raise KeyError(f"operation {name!r} not found (or ambiguous) in {OPERATIONS_DIR}")
    return matches[0].read_text(encoding="utf-8")


def all_operations() -> dict[str, str]:
    return {
        f"{path.parent.name}/{path.stem}": path.read_text(encoding="utf-8")
        for path in sorted(OPERATIONS_DIR.glob("*/*.graphql"))
    }
