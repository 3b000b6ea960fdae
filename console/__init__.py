"""The staff console: GraphiQL with every asset served by the app itself (no CDN)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

ASSETS_DIR = Path(__file__).parent / "assets"


@cache
def graphiql_html() -> str:
    return (Path(__file__).parent / "graphiql.html").read_text(encoding="utf-8")
