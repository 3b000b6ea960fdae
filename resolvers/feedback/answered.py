"""A message to reporters is their first answer: it stops the service-level clock."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from tortoise.backends.base.client import BaseDBAsyncClient

from models import Report


async def mark_answered(
    *,
    report_id: uuid.UUID | str | None = None,
    theme_id: uuid.UUID | str | None = None,
    using_db: BaseDBAsyncClient | None = None,
) -> None:
    """Record when the reporters of a report, or of every report of a theme, first heard back."""
    query = Report.filter(answered_at=None)
    if report_id is not None:
        query = query.filter(id=report_id)
    elif theme_id is not None:
        query = query.filter(theme_id=theme_id)
    else:
        return
    if using_db is not None:
        query = query.using_db(using_db)
    await query.update(answered_at=datetime.now(UTC))
