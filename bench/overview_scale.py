"""The periodic overview at scale: a year of a million reports (target ≤ 5 s).

Runs the production code path (`domain.overview.figures`, which the `overview` query and
`signaalpunt overview` call) on a scratch database filled with `--reports` reports spread
over 2025 across 40 municipalities, 14 laws, 7 channels and both reporter roles, three in
four answered. The baseline, in the same run, is the floor any
overview has: one `count(*)` over the same year. Prints the machine.

    make bench-overview        # or: python -m bench.overview_scale --reports 1000000
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from collections.abc import Awaitable
from datetime import UTC, date, datetime
from pathlib import Path

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

from bench.fill import copy_template
from bench.machine import machine
from domain.overview import figures
from models import Report
from signaalpunt.database import close_database, init_database, run_migrations
from signaalpunt.harness import scratch_database, servers

MUNICIPALITIES = [f"GM{n:04d}" for n in (363, 599, 518, 344, 14, 34, 307, 202, 153, 1680)] + [
    f"GM{n:04d}" for n in range(400, 430)
]
LAWS = ["PARTICIPATIEWET", "WMO_2015", "JEUGDWET", "SCHULDHULPVERLENING", "TOESLAGEN",
        "UWV_WW", "UWV_WAJONG", "DUO", "IND", "CJIB", "HUISVESTING", "ZVW", "WLZ",
        "GEMEENTELIJKE_BELASTINGEN"]  # fmt: skip
CHANNELS = ["WEB", "PHONE", "COUNTER", "PAPER", "EMAIL", "PARTNER_SYSTEM", "VIA_COUNCILLOR"]
# Each filled report: the template's columns, with these replaced (g = its number; $3–$5
# the municipalities, laws and channels).
_VARIES = {
    "id": "gen_random_uuid()",
    "created_at": "timestamptz '2025-01-01 08:00+00' + (g % 365) * interval '1 day'"
                  " + (g % 600) * interval '1 minute'",
    "municipality_code": "($3::text[])[1 + g % array_length($3::text[], 1)]",
    "domains": "jsonb_build_array(($4::text[])[1 + g % array_length($4::text[], 1)])",
    "channel": "($5::text[])[1 + g % array_length($5::text[], 1)]",
    "reporter_role": "CASE WHEN g % 3 = 0 THEN 'PROFESSIONAL_EMPLOYED' ELSE 'RESIDENT' END",
    "first_answer_due": "date '2025-01-08' + (g % 365)",
    "answered_at": "CASE WHEN g % 4 = 0 THEN NULL"
                   " ELSE timestamptz '2025-01-03 10:00+00' + (g % 365) * interval '1 day' END",
    "receipt_hash": "NULL",
    "processed_at": "now()",
}  # fmt: skip


async def fill_reports(conn: BaseDBAsyncClient, reports: int) -> None:
    """`reports` made-up reports over 2025, copied from one template row in batches."""
    template = await Report.create(
        text="sjabloon", masked_text="sjabloon", language="nl", reporter_role="RESIDENT",
        channel="WEB", municipality_code="GM0363",
    )  # fmt: skip
    await copy_template(
        conn, "report", template.id, reports, _VARIES, [MUNICIPALITIES, LAWS, CHANNELS]
    )


async def run(database_url: str, reports: int, repeat: int) -> None:
    await run_migrations(database_url)
    await init_database(database_url, pool_max=4)
    conn = connections.get("default")
    started = time.perf_counter()
    await fill_reports(conn, reports)
    await conn.execute_query("VACUUM ANALYZE report")
    print(f"fill: {time.perf_counter() - started:.0f} s")

    start, end = date(2025, 1, 1), date(2025, 12, 31)

    async def timed(work: Awaitable[object]) -> float:
        begun = time.perf_counter()
        await work
        return time.perf_counter() - begun

    baseline, national, municipal = [], [], []
    for _ in range(repeat):
        baseline.append(await timed(conn.execute_query(
            "SELECT count(*) FROM report WHERE created_at >= $1 AND created_at < $2",
            [datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)],
        )))  # fmt: skip
        national.append(await timed(figures(start, end, municipality=None, threshold=5)))
        municipal.append(await timed(figures(start, end, municipality="GM0363", threshold=5)))
    found = await figures(start, end, municipality=None, threshold=5)
    assert found.reports == reports, found.reports
    print(machine())
    print(f"reports in the year: {reports:,}; runs: {repeat} (median shown)")
    base = statistics.median(baseline)
    for name, times in (("national overview", national), ("one municipality", municipal)):
        median = statistics.median(times)
        print(f"{name:18} {median:6.2f} s  (target <= 5 s: {'met' if median <= 5 else 'NOT met'};"
              f" {median / base:5.1f}x the baseline)")  # fmt: skip
    print(f"{'baseline count(*)':18} {base:6.2f} s")
    await close_database()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="sp-overview-"))
    os.environ["SIGNAALPUNT_DATA_DIR"] = str(workdir / "data")
    with servers(workdir / "servers") as found, scratch_database(found.database_url) as db:
        asyncio.run(run(db, args.reports, args.repeat))


if __name__ == "__main__":
    main()
