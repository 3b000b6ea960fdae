"""One keyset pagination for every list: newest first, opaque cursors, a maximum page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from tortoise.queryset import QuerySet

from schema.pagination import Connection, Edge, PageInfo, after_cursor, clamp_page, encode_cursor

T = TypeVar("T")


async def paginate(
    query: QuerySet[Any],
    node: Callable[[Any], T],
    *,
    first: int | None,
    after: str | None,
    order_field: str = "created_at",
) -> Connection[T]:
    """One page of `query` in (order_field DESC, id DESC) order, after the cursor."""
    limit = clamp_page(first)
    rows = (
        await after_cursor(query, after, order_field)
        .order_by(f"-{order_field}", "-id")
        .limit(limit + 1)
    )
    edges = [
        Edge(node=node(row), cursor=encode_cursor(getattr(row, order_field), row.id))
        for row in rows[:limit]
    ]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=len(rows) > limit, end_cursor=edges[-1].cursor if edges else None
        ),
    )
