"""How long originals and contact details are kept: the schedule and which rule a report
falls under.

A report's original text, its reporter's account subject, its receipt and the keyed hashes
of its identifiers are personal data; its masked text, status, theme and counts are not.
Retention anonymises the first group and keeps the second, so themes, counts and dossiers
stay as they were:

| rule       | which reports                                                   | after            |
|------------|-----------------------------------------------------------------|------------------|
| `closed`   | CLOSED (the referral was answered and closed)                   | `closed_days`    |
| `declined` | DECLINED (not taken into behandeling)                           | `declined_days`  |
| `untaken`  | never taken further: RECEIVED or IN_REVIEW and in no theme      | `untaken_days`   |

`closed` and `declined` count from `closed_at`, `untaken` from the submission.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from vocabulary import ReportStatus

RULES = ("closed", "declined", "untaken")


@dataclass(frozen=True)
class RetentionSchedule:
    closed_days: int = 365
    declined_days: int = 90
    untaken_days: int = 180
    batch_size: int = 500

    def cutoffs(self, now: datetime) -> dict[str, datetime]:
        """Per rule: reports whose clock started before this moment are due."""
        return {
            "closed": now - timedelta(days=self.closed_days),
            "declined": now - timedelta(days=self.declined_days),
            "untaken": now - timedelta(days=self.untaken_days),
        }


def rule_for(
    status: ReportStatus, in_theme: bool, closed_at: datetime | None, created_at: datetime,
    cutoffs: dict[str, datetime],
) -> str | None:  # fmt: skip
    """The rule under which a report is due now, or None."""
    if status is ReportStatus.CLOSED and closed_at is not None and closed_at < cutoffs["closed"]:
        return "closed"
    if (
        status is ReportStatus.DECLINED
        and closed_at is not None
        and closed_at < cutoffs["declined"]
    ):
        return "declined"
    untaken = status in (ReportStatus.RECEIVED, ReportStatus.IN_REVIEW) and not in_theme
    if untaken and created_at < cutoffs["untaken"]:
        return "untaken"
    return None
