"""Write audit events for staff reads of originals and for every staff mutation."""

from __future__ import annotations

from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from auth.roles import Viewer
from models import AuditEvent


async def record(
    viewer: Viewer,
    action: str,
    target_type: str,
    target_id: str,
    *,
    reason: str | None = None,
    details: dict[str, Any] | None = None,
    using_db: BaseDBAsyncClient | None = None,
) -> None:
    await AuditEvent.create(
        actor_subject=viewer.subject,
        actor_role=viewer.primary_role,
        action=action,
        target_type=target_type,
        target_id=target_id,
        reason=reason,
        details=details or {},
        using_db=using_db,
    )


async def record_system(
    action: str,
    target_type: str,
    target_id: str,
    *,
    details: dict[str, Any] | None = None,
    using_db: BaseDBAsyncClient | None = None,
) -> None:
    """An event the system itself caused (a retention run), with no person behind it."""
    await AuditEvent.create(
        actor_subject="system",
        actor_role="system",
        action=action,
        target_type=target_type,
        target_id=target_id,
        details=details or {},
        using_db=using_db,
    )
