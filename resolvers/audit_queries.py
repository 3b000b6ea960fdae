"""auditEvents (staff): who read which original and who changed what."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from models import AuditEvent
from resolvers.pagination import paginate
from schema.context import Info
from schema.pagination import Connection
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

    @classmethod
    def from_model(cls, event: AuditEvent) -> AuditEventType:
        return cls(
            created_at=event.created_at,
            actor_subject=event.actor_subject,
            actor_role=event.actor_role,
            action=event.action,
            target_type=event.target_type,
            target_id=event.target_id,
            reason=event.reason,
            details=event.details,
        )


async def audit_events(
    info: Info,
    target_id: strawberry.ID | None = None,
    action: str | None = None,
    first: int | None = 50,
    after: str | None = None,
) -> Connection[AuditEventType]:
    query = AuditEvent.all()
    if target_id:
        query = query.filter(target_id=str(target_id))
    if action:
        query = query.filter(action=action)
    return await paginate(query, AuditEventType.from_model, first=first, after=after)
