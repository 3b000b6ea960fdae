"""The daily service-level run: marks the reports whose triage or first answer is late, and
the referrals whose partner answer is.

A report waiting for the reporter's reply is paused and never marked; an ended report is
not either. Idempotent: a mark is set once (`… IS NULL`), so a run arq repeats changes
nothing. Staff find marked reports with the `breached` filter and in the triage queue.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise import connections

from domain.deadlines import today_in_the_netherlands

log = logging.getLogger(__name__)

_OPEN = "waiting_since IS NULL AND status NOT IN ('CLOSED', 'DECLINED')"
_FIRST_ANSWER = f"""
UPDATE report SET first_answer_breached_at = now(), updated_at = now()
WHERE first_answer_breached_at IS NULL AND answered_at IS NULL AND first_answer_due < $1
  AND {_OPEN}
"""
_TRIAGE = f"""
UPDATE report SET triage_breached_at = now(), updated_at = now()
WHERE triage_breached_at IS NULL AND triaged_at IS NULL AND triage_due < $1 AND {_OPEN}
"""

_PARTNER_ANSWER = """
UPDATE referral SET answer_breached_at = now(), updated_at = now()
WHERE answer_breached_at IS NULL AND answered_at IS NULL AND answer_due < $1
  AND status IN ('SENT', 'ACKNOWLEDGED')
"""


@dataclass(frozen=True)
class Breaches:
    first_answer: int
    triage: int
    partner_answer: int


async def mark_breaches(today: date | None = None) -> Breaches:
    day = today or today_in_the_netherlands()
    conn = connections.get("default")
    first_answer, _ = await conn.execute_query(_FIRST_ANSWER, [day])
    triage, _ = await conn.execute_query(_TRIAGE, [day])
    partner_answer, _ = await conn.execute_query(_PARTNER_ANSWER, [day])
    return Breaches(first_answer=first_answer, triage=triage, partner_answer=partner_answer)


async def mark_service_level_breaches(ctx: dict[str, Any]) -> str:
    found = await mark_breaches()
    log.info("service levels: %s newly late", found)
    return f"late: {found}"
