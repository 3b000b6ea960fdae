"""abonnementen and notificationDeliveries (municipality: its own; staff: all)."""

from __future__ import annotations

import uuid
from collections import defaultdict

import strawberry

from models import Abonnement, NotificationAttempt, NotificationDelivery
from resolvers.abonnementen.access import abonnement_of, own_code
from resolvers.abonnementen.counts import delivery_counts
from resolvers.access import require_viewer
from resolvers.pagination import paginate
from schema.abonnementen.types import AbonnementType, NotificationDeliveryType
from schema.context import Info
from schema.enums import DeliveryStatus
from schema.pagination import Connection, Edge


async def abonnementen(
    info: Info, first: int | None = 20, after: str | None = None
) -> Connection[AbonnementType]:
    viewer = require_viewer(info)
    query = Abonnement.all()
    code = own_code(viewer)
    if code is not None:
        query = query.filter(municipality_code=code)
    page = await paginate(query, lambda a: a, first=first, after=after)
    counts = await delivery_counts([str(e.node.id) for e in page.edges])
    return Connection(
        edges=[
            Edge(
                node=AbonnementType.from_model(e.node, counts.get(str(e.node.id))), cursor=e.cursor
            )
            for e in page.edges
        ],
        page_info=page.page_info,
    )


async def notification_deliveries(
    info: Info,
    abonnement_id: strawberry.ID | None = None,
    status: DeliveryStatus | None = None,
    first: int | None = 20,
    after: str | None = None,
) -> Connection[NotificationDeliveryType]:
    """Deliveries newest first, with every attempt; `status: DEAD` lists the dead letters."""
    viewer = require_viewer(info)
    query = NotificationDelivery.all()
    if abonnement_id is not None:
        abonnement = await abonnement_of(viewer, _uuid_or_none(abonnement_id))
        query = query.filter(abonnement_id=abonnement.id)
    elif (code := own_code(viewer)) is not None:
        query = query.filter(abonnement__municipality_code=code)
    if status is not None:
        query = query.filter(status=status.value)
    page = await paginate(query, lambda d: d, first=first, after=after)
    attempts: dict[str, list[NotificationAttempt]] = defaultdict(list)
    ids = [e.node.id for e in page.edges]
    if ids:
        for attempt in await NotificationAttempt.filter(delivery_id__in=ids).order_by("attempt"):
            attempts[str(attempt.delivery_id)].append(attempt)
    return Connection(
        edges=[
            Edge(
                node=NotificationDeliveryType.from_model(e.node, attempts[str(e.node.id)]),
                cursor=e.cursor,
            )
            for e in page.edges
        ],
        page_info=page.page_info,
    )


def _uuid_or_none(value: object) -> str:
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return "00000000-0000-0000-0000-000000000000"
