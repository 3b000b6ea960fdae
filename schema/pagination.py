"""Keyset pagination: opaque cursors over (timestamp, id), newest first."""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any, Generic, TypeVar

import strawberry
from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from schema.policy import EVERYONE, policy

T = TypeVar("T")
U = TypeVar("U")

MAX_PAGE = 100
DEFAULT_PAGE = 20


@policy(EVERYONE)
@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@policy(EVERYONE)
@strawberry.type
class Edge(Generic[T]):
    node: T
    cursor: str


@policy(EVERYONE)
@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo

    @strawberry.field
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]

    def map(self, node: Callable[[T], U]) -> Connection[U]:
        """The same page with each node turned into another type (a model into its type)."""
        return Connection(
            edges=[Edge(node=node(e.node), cursor=e.cursor) for e in self.edges],
            page_info=self.page_info,
        )

    @classmethod
    def empty(cls) -> Connection[T]:
        return cls(edges=[], page_info=PageInfo(has_next_page=False, end_cursor=None))


def encode_cursor(at: datetime, row_id: object) -> str:
    return base64.urlsafe_b64encode(f"{at.isoformat()}|{row_id}".encode()).decode()


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID | int] | None:
    """The (timestamp, id) of a cursor we issued; None for anything else (which pages treat
    as no cursor). Timestamps outside any plausible range are refused too: PostgreSQL and
    Python disagree about the edges of the calendar."""
    try:
        at, row_id = base64.urlsafe_b64decode(cursor.encode()).decode().split("|", 1)
        when = datetime.fromisoformat(at)
        key: uuid.UUID | int = int(row_id) if row_id.isdigit() else uuid.UUID(row_id)
    except (ValueError, binascii.Error, UnicodeDecodeError, OverflowError):
        return None
    if when.tzinfo is None or not 2000 <= when.year <= 2999:
        return None
    return when, key


def clamp_page(first: int | None) -> int:
    return max(1, min(first or DEFAULT_PAGE, MAX_PAGE))


def after_cursor(query: QuerySet, after: str | None, field: str = "created_at") -> QuerySet:
    """Rows strictly after the cursor in (field DESC, id DESC) order."""
    cursor = decode_cursor(after) if after else None
    if cursor is None:
        return query
    at, row_id = cursor
    before: dict[str, Any] = {f"{field}__lt": at}
    same: dict[str, Any] = {field: at, "id__lt": row_id}
    return query.filter(Q(**before) | Q(**same))
