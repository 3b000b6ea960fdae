"""Signaalpunt's own promises to reporters: a first answer within a number of working days.

An urgent report (danger or acute hardship) gets a shorter one. The clock counts working
days as the Algemene termijnenwet does (`deadlines.add_working_days`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from domain.deadlines import add_working_days
from vocabulary import UrgencyFlag

FIRST_ANSWER_WORKING_DAYS = 5
URGENT_FIRST_ANSWER_WORKING_DAYS = 1


def first_answer_due(received: date, flags: Iterable[UrgencyFlag | str], standard: int) -> date:
    """When the reporter must have had a first answer from staff."""
    days = URGENT_FIRST_ANSWER_WORKING_DAYS if any(True for _ in flags) else standard
    return add_working_days(received, days)
