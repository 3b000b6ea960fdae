"""The satisfaction survey a reporter may answer after their report ended."""

from __future__ import annotations

from enum import StrEnum


class Satisfaction(StrEnum):
    VERY_SATISFIED = "VERY_SATISFIED"
    SATISFIED = "SATISFIED"
    NEUTRAL = "NEUTRAL"
    UNSATISFIED = "UNSATISFIED"
    VERY_UNSATISFIED = "VERY_UNSATISFIED"


class Understood(StrEnum):
    """Does the reporter understand what was done with their report?"""

    YES = "YES"
    PARTLY = "PARTLY"
    NO = "NO"


class WouldReportAgain(StrEnum):
    YES = "YES"
    NO = "NO"
    DONT_KNOW = "DONT_KNOW"
