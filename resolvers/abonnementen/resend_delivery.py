"""resendDelivery (municipality, staff): send a dead letter again, with the same
webhook-id (the receiver recognises a repeat) and a fresh round of attempts.

An abonnement that was paused must be saved again first (the callback check shows the
receiver is back); its resent letters then go out with the rest.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import strawberry

from domain import audit
from domain.errors import InputErrors, InvalidState, NotFound
from models import NotificationDelivery
from resolvers.abonnementen.access import abonnement_of
from resolvers.access import require_viewer
from resolvers.errors import errors_as_data
from resolvers.validation import parse_uuid
from schema.abonnementen.types import NotificationDeliveryType
from schema.context import Info
from schema.errors import (
    InvalidInputError,
    InvalidStateError,
    NotFoundError,
    TemporarilyUnavailableError,
)
from schema.policy import MUNICIPALITY, STAFF, policy
from vocabulary import DeliveryStatus
from vocabulary.translations import N_


@policy(MUNICIPALITY, STAFF)
@strawberry.type
class DeliveryResent:
    delivery: NotificationDeliveryType


ResendDeliveryResult = Annotated[
    DeliveryResent
    | InvalidInputError
    | NotFoundError
    | InvalidStateError
    | TemporarilyUnavailableError,
    strawberry.union("ResendDeliveryResult"),
]


@errors_as_data
async def resend_delivery(info: Info, id: strawberry.ID) -> ResendDeliveryResult:
    viewer = require_viewer(info)
    problems = InputErrors()
    delivery_id = parse_uuid(problems, "id", id)
    problems.raise_if_any()
    delivery = await NotificationDelivery.get_or_none(id=delivery_id)
    if delivery is None:
        raise NotFound.of(N_("Dit bericht"))
    await abonnement_of(viewer, str(delivery.abonnement_id))  # someone else's: not found
    updated = await NotificationDelivery.filter(
        id=delivery_id, status=DeliveryStatus.DEAD
    ).update(
        status=DeliveryStatus.PENDING, attempts=0, dead_at=None,
        next_attempt_at=datetime.now(UTC),
    )  # fmt: skip
    if not updated:
        raise InvalidState(
            "Alleen een bericht dat niet aankwam kunt u opnieuw sturen; dit bericht is "
            "onderweg of al bezorgd."
        )
    await audit.record(viewer, "notification.resent", "notification_delivery", delivery_id)
    await info.context.services.notifier.request_delivery()
    delivery = await NotificationDelivery.get(id=delivery_id)
    return DeliveryResent(delivery=NotificationDeliveryType.from_model(delivery))
