"""triageQueue (staff): the reports still to be looked at, urgent first, then the earliest
triage deadline, then the oldest — the order staff work in.

Its own keyset pagination over (not urgent, triage due, received, id), all ascending, with a
row-value comparison in PostgreSQL; the cursor carries those four values. A report the engine
placed in a theme is still to be looked at; one waiting for the reporter's reply stays in
the queue too (its clock is paused, `waitingForReporterSince`).
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import date, datetime

from tortoise import connections

from models import Report
from schema.context import Info
from schema.pagination import Connection, Edge, PageInfo, clamp_page
from schema.reports.types import ReportType

# The key and the condition are those of the partial index `report_triage_queue`
# (migration 0021), written the same way so that PostgreSQL reads the queue from it.
_DUE = "coalesce(triage_due, (created_at AT TIME ZONE 'Europe/Amsterdam')::date)"
_KEY = f"(urgency_flags = '[]'::jsonb), {_DUE}, created_at, id"
_QUEUE = f"""
SELECT id, (urgency_flags = '[]'::jsonb) AS not_urgent, {_DUE} AS due, created_at
FROM report
WHERE triaged_at IS NULL AND status IN ('RECEIVED', 'IN_REVIEW', 'LINKED_TO_THEME') {{after}}
ORDER BY {_KEY}
LIMIT $1
"""
_AFTER = f"AND ({_KEY}) > ($2::boolean, $3::date, $4::timestamptz, $5::uuid)"


def _cursor(row: dict[str, object]) -> str:
    values = [row["not_urgent"], str(row["due"]), row["created_at"].isoformat(), str(row["id"])]  # type: ignore[union-attr]
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode()


def _position(cursor: str | None) -> list[object] | None:
    """The four values of a cursor we issued; None (the first page) for anything else."""
    if not cursor:
        return None
    try:
        not_urgent, due, created, row_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        return [bool(not_urgent), date.fromisoformat(due), datetime.fromisoformat(created),
                str(row_id)]  # fmt: skip
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        return None


async def triage_queue(
    info: Info, first: int | None = 20, after: str | None = None
) -> Connection[ReportType]:
    limit = clamp_page(first)
    position = _position(after)
    query = _QUEUE.format(after=_AFTER if position else "")
    rows = await connections.get("default").execute_query_dict(
        query, [limit + 1, *(position or [])]
    )
    page = rows[:limit]
    reports = {r.id: r for r in await Report.filter(id__in=[row["id"] for row in page])}
    edges = [Edge(node=ReportType.from_model(reports[row["id"]]), cursor=_cursor(row))
             for row in page if row["id"] in reports]  # fmt: skip
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=len(rows) > limit, end_cursor=edges[-1].cursor if edges else None
        ),
    )
