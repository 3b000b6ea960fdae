"""Fill a scratch database fast: many rows copied from one template row inside PostgreSQL.

A template row is made through the ORM (so every column has what the model gives it), then
`INSERT … SELECT` over `generate_series` copies it in batches, with the columns named in
`varies` replaced by SQL expressions of the series number `g` and of the parameters passed
($3, $4, … in the order given; the template's id comes last). Used by the benches that need a
million rows: the periodic overview and the staff queries.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tortoise.backends.base.client import BaseDBAsyncClient


async def copy_statement(
    conn: BaseDBAsyncClient,
    table: str,
    varies: Mapping[str, str],
    template: str,
    source: str = "generate_series($1::int, $2::int) g",
) -> str:
    """The statement copying the template (its id the placeholder `template`, e.g. "$6")
    once per row of `source`."""
    rows = await conn.execute_query_dict(
        "SELECT column_name FROM information_schema.columns WHERE table_name = $1 "
        "AND is_generated = 'NEVER' ORDER BY ordinal_position",
        [table],
    )
    columns = [r["column_name"] for r in rows]
    values = [varies.get(c, f"t.{c}") for c in columns]
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)} "
        f"FROM {table} t, {source} WHERE t.id = {template}::uuid"
    )


async def copy_template(
    conn: BaseDBAsyncClient,
    table: str,
    template_id: object,
    count: int,
    varies: Mapping[str, str],
    parameters: Sequence[object] = (),
    *,
    batch: int = 100_000,
    first: int = 1,
) -> None:
    """`count` copies of the template row (g = first … first + count - 1), then the template
    removed."""
    statement = await copy_statement(conn, table, varies, f"${len(parameters) + 3}")
    last = first + count - 1
    for low in range(first, last + 1, batch):
        high = min(last, low + batch - 1)
        await conn.execute_query(statement, [low, high, *parameters, str(template_id)])
        if count >= batch:
            print(f"  {table}: {high - first + 1:>9,} rows", flush=True)
    await conn.execute_query(f"DELETE FROM {table} WHERE id = $1", [str(template_id)])


async def copy_per_row(
    conn: BaseDBAsyncClient, table: str, template_id: object, source: str, varies: Mapping[str, str]
) -> None:
    """One copy of the template per row of the subquery `source` (aliased s; `varies` may
    use its columns), then the template removed."""
    statement = await copy_statement(conn, table, varies, "$1", f"({source}) s")
    await conn.execute_query(statement, [str(template_id)])
    await conn.execute_query(f"DELETE FROM {table} WHERE id = $1", [str(template_id)])
