"""Signaalpunt's own promises to reporters: triage and a first answer within a number of
working days, with the clock paused while staff wait for the reporter.

An urgent report (danger or acute hardship) gets shorter ones and goes to the head of the
triage queue. The clocks count working days as the Algemene termijnenwet does
(`deadlines.add_working_days`). A pause (staff asked the reporter something and wait for the
answer) moves a running clock on by the working days it lasted, when the reporter replies.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from tortoise.backends.base.client import BaseDBAsyncClient

from domain.deadlines import add_working_days, closed
from models import Report
from vocabulary import UrgencyFlag

FIRST_ANSWER_WORKING_DAYS = 5
URGENT_FIRST_ANSWER_WORKING_DAYS = 1
TRIAGE_WORKING_DAYS = 2
URGENT_TRIAGE_WORKING_DAYS = 0  # the same working day
# A partner answers a referral within 8 weeks (40 working days) unless it names its own date.
PARTNER_ANSWER_WORKING_DAYS = 40


def _urgent(flags: Iterable[UrgencyFlag | str]) -> bool:
    return any(True for _ in flags)


def first_answer_due(received: date, flags: Iterable[UrgencyFlag | str], standard: int) -> date:
    """When the reporter must have had a first answer from staff."""
    days = URGENT_FIRST_ANSWER_WORKING_DAYS if _urgent(flags) else standard
    return add_working_days(received, days)


def triage_due(received: date, flags: Iterable[UrgencyFlag | str], standard: int) -> date:
    """When staff must have looked at the report (reviewed, placed, closed or declined)."""
    days = URGENT_TRIAGE_WORKING_DAYS if _urgent(flags) else standard
    return add_working_days(received, days)


def partner_answer_due(sent: date, days: int = PARTNER_ANSWER_WORKING_DAYS) -> date:
    """When the partner must have answered a referral sent on `sent`."""
    return add_working_days(sent, days)


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when `end` is not later)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if closed(day) is None:
            count += 1
    return count


def resumed(due: date | None, paused_on: date, resumed_on: date) -> date | None:
    """A running deadline after a pause from `paused_on` to `resumed_on`: moved on by the
    working days the pause lasted."""
    if due is None:
        return None
    return add_working_days(due, working_days_between(paused_on, resumed_on))


async def mark_triaged(report_ids: Iterable[object], using_db: BaseDBAsyncClient) -> None:
    """Staff looked at these reports (set a status, placed them): the triage clock stops."""
    await (
        Report.filter(id__in=list(report_ids), triaged_at=None)
        .using_db(using_db)
        .update(triaged_at=datetime.now(UTC))
    )


async def pause_clocks(report_id: object) -> None:
    """Staff asked the reporter something and wait for the answer: the clocks stand still."""
    await Report.filter(id=report_id, waiting_since=None).update(waiting_since=datetime.now(UTC))


async def resume_clocks(report: Report, using_db: BaseDBAsyncClient | None = None) -> None:
    """The reporter replied: a running clock moves on by the working days of the pause."""
    if report.waiting_since is None:
        return
    paused_on, today = report.waiting_since.date(), datetime.now(UTC).date()
    if report.triaged_at is None:
        report.triage_due = resumed(report.triage_due, paused_on, today)
    if report.answered_at is None:
        report.first_answer_due = resumed(report.first_answer_due, paused_on, today)
    report.waiting_since = None
    await report.save(
        update_fields=["triage_due", "first_answer_due", "waiting_since", "updated_at"],
        using_db=using_db,
    )
