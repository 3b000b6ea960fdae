"""The retention run: originals and contact details anonymised on the schedule of
`domain.retention`, in batches, each run recorded as one audit event with its counts.

Anonymising a report replaces its original text by its masked text and drops what ties it
to a person: the reporter's account subject, the receipt hash, the contact consent and the
keyed identifier hashes. Its status, theme, group, masked text and dates stay, so theme
counts, overviews and delivered dossiers do not change. Idempotent: anonymised reports are
never selected again, and a run arq repeats finds less to do.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tortoise import connections
from tortoise.transactions import in_transaction

from domain import audit
from domain.retention import RULES, RetentionSchedule
from workers.context import context_of

log = logging.getLogger(__name__)

_DUE = {
    "closed": "status = 'CLOSED' AND closed_at < $1",
    "declined": "status = 'DECLINED' AND closed_at < $1",
    "untaken": "status IN ('RECEIVED', 'IN_REVIEW') AND theme_id IS NULL AND created_at < $1",
}


def _due(rule: str) -> str:
    return f"anonymised_at IS NULL AND {_DUE[rule]}"


_ANONYMISE = """
UPDATE report SET text = masked_text, reporter_subject = NULL, receipt_hash = NULL,
       consent_contact = false, anonymised_at = now(), updated_at = now()
WHERE id = ANY($1::uuid[])
"""
_FORGET_IDENTIFIERS = "DELETE FROM report_identifier WHERE report_id = ANY($1::uuid[])"


@dataclass
class RetentionRun:
    dry_run: bool
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RULES, 0))
    batches: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


async def run_retention(
    schedule: RetentionSchedule, *, dry_run: bool = False, now: datetime | None = None
) -> RetentionRun:
    """Anonymise every report due now (or, with `dry_run`, count them)."""
    cutoffs = schedule.cutoffs(now or datetime.now(UTC))
    run = RetentionRun(dry_run)
    conn = connections.get("default")
    for rule in RULES:
        if dry_run:
            rows = await conn.execute_query_dict(
                f"SELECT count(*) AS n FROM report WHERE {_due(rule)}", [cutoffs[rule]]
            )
            run.counts[rule] = rows[0]["n"]
            continue
        while True:
            async with in_transaction() as tx:
                rows = await tx.execute_query_dict(
                    f"SELECT id FROM report WHERE {_due(rule)} ORDER BY created_at "
                    "LIMIT $2 FOR UPDATE SKIP LOCKED",
                    [cutoffs[rule], schedule.batch_size],
                )
                ids = [row["id"] for row in rows]
                if not ids:
                    break
                await tx.execute_query(_ANONYMISE, [ids])
                await tx.execute_query(_FORGET_IDENTIFIERS, [ids])
            run.counts[rule] += len(ids)
            run.batches += 1
    if not dry_run:
        await audit.record_system(
            "retention.run", "report", "*",
            details={"anonymised": run.counts, "batches": run.batches,
                     "cutoffs": {rule: moment.isoformat() for rule, moment in cutoffs.items()}},
        )  # fmt: skip
    return run


async def apply_retention(ctx: dict[str, Any]) -> str:
    """The nightly cron job."""
    app = context_of(ctx)
    run = await run_retention(app.retention)
    log.info("retention: %d report(s) anonymised %s", run.total, run.counts)
    return f"anonymised {run.total} report(s)"
