"""The staff console: GraphiQL with every asset served by the app itself (no CDN)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

ASSETS_DIR = Path(__file__).parent / "assets"


def graphiql_html(operations: Sequence[str] = ()) -> str:
    """The console page; `operations` (GraphQL documents) open as tabs, ready to run."""
    tabs = [{"query": document} for document in operations]
    # JSON inside a <script>: "</" would end the script early.
    return _page().replace("/*OPERATIONS*/[]", json.dumps(tabs).replace("</", "<\\/"))


@cache
def _page() -> str:
    return (Path(__file__).parent / "graphiql.html").read_text(encoding="utf-8")
