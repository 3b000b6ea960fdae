"""The advisory locks the engine's jobs take, and the order they take them in.

- `DECIDING_LOCK`: every write by the engine's jobs that places a report in a case or a
  theme (staff decisions do not take it; the jobs re-check them where they write). A processing batch
  holds it while it reads its candidates' themes and writes its reports, so it never reads a
  theme that discovery or the re-clustering is about to change: those jobs compute outside
  it and take it only to write. Otherwise a report joining a case could be written with the
  theme its case had before discovery moved it (left behind).
- `DISCOVERY_LOCK`: one discovery or re-clustering run at a time.

Order: `DISCOVERY_LOCK` before `DECIDING_LOCK`, never the other way round, so the jobs cannot
deadlock. Both are transaction-level: they end with the transaction.
"""

from __future__ import annotations

from tortoise.backends.base.client import BaseDBAsyncClient

# Arbitrary 64-bit constants, unique in this database.
DECIDING_LOCK = 0x5167_6E61_6C70_0001
DISCOVERY_LOCK = 7_100_001


async def hold(conn: BaseDBAsyncClient, lock: int) -> None:
    """Wait for `lock` and hold it until the transaction ends (re-entrant within it)."""
    await conn.execute_query("SELECT pg_advisory_xact_lock($1)", [lock])


async def try_hold(conn: BaseDBAsyncClient, lock: int) -> bool:
    """Take `lock` until the transaction ends if no one else holds it."""
    rows = await conn.execute_query_dict("SELECT pg_try_advisory_xact_lock($1) AS ok", [lock])
    return bool(rows[0]["ok"])
