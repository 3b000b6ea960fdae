"""Which reports the retention schedule says are due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain.retention import RetentionSchedule, rule_for
from vocabulary import ReportStatus

NOW = datetime(2026, 12, 1, tzinfo=UTC)
CUTOFFS = RetentionSchedule(closed_days=365, declined_days=90, untaken_days=180).cutoffs(NOW)


def days_ago(n: int) -> datetime:
    return NOW - timedelta(days=n)


def test_closed_reports_wait_a_year_declined_ones_less() -> None:
    assert rule_for(ReportStatus.CLOSED, True, days_ago(366), days_ago(500), CUTOFFS) == "closed"
    assert rule_for(ReportStatus.CLOSED, True, days_ago(300), days_ago(500), CUTOFFS) is None
    assert (
        rule_for(ReportStatus.DECLINED, False, days_ago(91), days_ago(100), CUTOFFS) == "declined"
    )
    assert rule_for(ReportStatus.DECLINED, False, days_ago(30), days_ago(100), CUTOFFS) is None


def test_reports_never_taken_further_go_after_half_a_year() -> None:
    assert rule_for(ReportStatus.RECEIVED, False, None, days_ago(181), CUTOFFS) == "untaken"
    assert rule_for(ReportStatus.IN_REVIEW, False, None, days_ago(181), CUTOFFS) == "untaken"
    # In a theme, or still on its way: kept.
    assert rule_for(ReportStatus.RECEIVED, True, None, days_ago(181), CUTOFFS) is None
    assert rule_for(ReportStatus.LINKED_TO_THEME, True, None, days_ago(900), CUTOFFS) is None
    assert rule_for(ReportStatus.REFERRED, True, None, days_ago(900), CUTOFFS) is None
