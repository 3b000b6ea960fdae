"""auditEvents (staff): who read which original and who changed what."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from models import AuditEvent
from schema.context import Info
from schema.policy import STAFF, policy


@policy(STAFF)
@strawberry.type(name="AuditEvent")
class AuditEventType:
    created_at: datetime
    actor_subject: str
    actor_role: str
    action: str
    target_type: str
    target_id: str
    reason: str | None
    details: JSON


async def audit_events(
    info: Info, target_id: strawberry.ID | None = None, action: str | None = None, first: int = 50
) -> list[AuditEventType]:
    query = AuditEvent.all()
    if target_id:
        query = query.filter(target_id=str(target_id))
    if action:
        query = query.filter(action=action)
    rows = await query.order_by("-id").limit(max(1, min(first, 500)))
    return [
        AuditEventType(
            created_at=e.created_at,
            actor_subject=e.actor_subject,
            actor_role=e.actor_role,
            action=e.action,
            target_type=e.target_type,
            target_id=e.target_id,
            reason=e.reason,
            details=e.details,
        )
        for e in rows
    ]
