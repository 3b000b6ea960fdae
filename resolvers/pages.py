"""Pages of children, for many parents at once: one statement per distinct page request.

`Report.duplicates`, `Report.messages`, `Theme.referrals` and the like are paginated lists
under a list of parents. Loading them one parent at a time would cost a statement per parent;
loading every child would let a group of hundreds of duplicates cost hundreds of rows per
parent. Here every parent's page is cut in PostgreSQL (a LATERAL subquery with LIMIT,
through the (parent, created_at) index) and all parents asking for the same page size and
cursor are answered by one statement.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from strawberry.dataloader import DataLoader
from tortoise import connections
from tortoise.models import Model

from schema.pagination import Connection, Edge, PageInfo, clamp_page, decode_cursor, encode_cursor

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class PageKey:
    """One parent's page: `a` and `b` are the parent's keys the match condition uses."""

    a: str | None
    b: str | None
    first: int
    after: str | None


class ChildPages(Generic[M]):
    """Children of `model` matching `match` (SQL over the child `c` and the key `k.a`,
    `k.b`), oldest first. Pages hold models; the GraphQL type maps them to its nodes."""

    def __init__(self, model: type[M], match: str, *, order: str = "created_at") -> None:
        self.model = model
        self.order = order
        table = model._meta.db_table
        self.int_ids = model._meta.pk.field_type is int
        id_type = "bigint" if self.int_ids else "uuid"
        self.sql = f"""
SELECT k.n AS _key, c.* FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS k(a, b, n)
CROSS JOIN LATERAL (
    SELECT * FROM "{table}" c WHERE ({match})
      AND ($4::timestamptz IS NULL OR (c.{order}, c.id) > ($4, $5::{id_type}))
    ORDER BY c.{order}, c.id LIMIT $3
) c
"""
        self.loader: DataLoader[PageKey, Connection[M]] = DataLoader(load_fn=self._load)

    async def page(
        self, a: object, b: object, first: int | None, after: str | None
    ) -> Connection[M]:
        key = PageKey(
            str(a) if a is not None else None,
            str(b) if b is not None else None,
            clamp_page(first),
            after,
        )
        return await self.loader.load(key)

    async def _load(self, keys: Sequence[PageKey]) -> list[Connection[M]]:
        by_request: dict[tuple[int, str | None], list[int]] = defaultdict(list)
        for position, key in enumerate(keys):
            by_request[(key.first, key.after)].append(position)
        answers: list[Connection[M] | None] = [None] * len(keys)
        conn = connections.get("default")
        for (first, after), positions in by_request.items():
            cursor = decode_cursor(after) if after else None
            if cursor is not None and isinstance(cursor[1], int) != self.int_ids:
                cursor = None  # a cursor of another list: no cursor
            at, row_id = cursor if cursor else (None, None)
            rows = await conn.execute_query_dict(
                self.sql,
                [
                    [keys[p].a for p in positions],
                    [keys[p].b for p in positions],
                    first + 1,
                    at,
                    row_id,
                ],
            )
            children: dict[int, list[dict[str, Any]]] = defaultdict(list)
            for row in rows:
                children[int(row.pop("_key"))].append(row)
            for n, position in enumerate(positions, start=1):
                answers[position] = self._connection(children[n], first)
        return [answer for answer in answers if answer is not None]

    def _connection(self, rows: list[dict[str, Any]], first: int) -> Connection[M]:
        models = [self.model._init_from_db(**row) for row in rows[:first]]
        edges = [Edge(node=m, cursor=encode_cursor(getattr(m, self.order), m.pk)) for m in models]
        return Connection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=len(rows) > first, end_cursor=edges[-1].cursor if edges else None
            ),
        )
