"""An abonnement, its health, and the deliveries made to it, as the municipality that owns
it and staff see them. The Authorization value and the signing secret are never shown
again after they were given (the secret is shown once, when the abonnement is made)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

import strawberry

from messaging.notificaties.filters import kanalen_from_json
from models import Abonnement, NotificationAttempt, NotificationDelivery
from schema.enums import AbonnementStatus, DeliveryStatus
from schema.policy import MUNICIPALITY, STAFF, policy


@strawberry.input(description="Eén filter: een kenmerk en de waarde die het moet hebben, of *.")
class KenmerkFilterInput:
    kenmerk: str
    waarde: str


@strawberry.input(description="Een kanaal (themas of doorverwijzingen) met zijn filters.")
class KanaalInput:
    naam: str
    filters: list[KenmerkFilterInput] = strawberry.field(default_factory=list)


@policy(MUNICIPALITY, STAFF)
@strawberry.type(name="KenmerkFilter")
class KenmerkFilterType:
    kenmerk: str
    waarde: str


@policy(MUNICIPALITY, STAFF)
@strawberry.type(name="Kanaal")
class KanaalType:
    naam: str
    filters: list[KenmerkFilterType]


@policy(MUNICIPALITY, STAFF)
@strawberry.type(name="AbonnementHealth", description="Hoe de bezorging naar dit abonnement gaat.")
class AbonnementHealth:
    consecutive_failures: int = strawberry.field(description="Mislukte pogingen op rij.")
    last_success_at: datetime | None
    last_failure_at: datetime | None
    paused_at: datetime | None
    paused_reason: str | None = strawberry.field(description="Waarom het abonnement stilstaat.")
    pending_deliveries: int = strawberry.field(description="Berichten die nog onderweg zijn.")
    dead_letters: int = strawberry.field(
        description="Berichten die niet aankwamen (opnieuw te sturen)."
    )


def auth_hint(auth: str) -> str:
    """Enough of the Authorization value to recognise it, never enough to use it."""
    scheme, _, token = auth.partition(" ")
    if not token:
        return "…"
    return f"{scheme} {token[:4]}…"


@policy(MUNICIPALITY, STAFF)
@strawberry.type(name="Abonnement", description="Een webhook-abonnement van een gemeente.")
class AbonnementType:
    id: strawberry.ID
    gemeentecode: str
    callback_url: str
    auth_hint: str = strawberry.field(description="Het begin van de auth-waarde, ter herkenning.")
    kanalen: list[KanaalType]
    cloud_events: bool = strawberry.field(description="Berichten als CloudEvents.")
    status: AbonnementStatus
    health: AbonnementHealth
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_model(cls, a: Abonnement, counts: Mapping[str, int] | None = None) -> AbonnementType:
        counts = counts or {}
        return cls(
            id=strawberry.ID(str(a.id)),
            gemeentecode=a.municipality_code,
            callback_url=a.callback_url,
            auth_hint=auth_hint(a.auth),
            kanalen=[
                KanaalType(
                    naam=k.naam,
                    filters=[KenmerkFilterType(kenmerk=key, waarde=v) for key, v in sorted(k.filters.items())],
                )
                for k in kanalen_from_json(a.kanalen)
            ],
            cloud_events=a.cloud_events,
            status=AbonnementStatus(a.status),
            health=AbonnementHealth(
                consecutive_failures=a.consecutive_failures,
                last_success_at=a.last_success_at,
                last_failure_at=a.last_failure_at,
                paused_at=a.paused_at,
                paused_reason=a.paused_reason,
                pending_deliveries=counts.get("PENDING", 0),
                dead_letters=counts.get("DEAD", 0),
            ),
            created_at=a.created_at,
            updated_at=a.updated_at,
        )  # fmt: skip


@policy(MUNICIPALITY, STAFF)
@strawberry.type(name="NotificationAttempt", description="Eén poging om een bericht te bezorgen.")
class NotificationAttemptType:
    attempt: int
    started_at: datetime
    duration_ms: int
    status_code: int | None
    succeeded: bool
    error: str | None

    @classmethod
    def from_model(cls, a: NotificationAttempt) -> NotificationAttemptType:
        return cls(
            attempt=a.attempt, started_at=a.started_at, duration_ms=a.duration_ms,
            status_code=a.status_code, succeeded=a.succeeded, error=a.error,
        )  # fmt: skip


@policy(MUNICIPALITY, STAFF)
@strawberry.type(
    name="NotificationDelivery",
    description="Eén bericht voor één abonnement: de inhoud, de toestand en elke poging.",
)
class NotificationDeliveryType:
    id: strawberry.ID = strawberry.field(description="Ook de webhook-id van het bericht.")
    abonnement_id: strawberry.ID
    status: DeliveryStatus
    attempts: int = strawberry.field(
        description="Pogingen in deze ronde (een herzending begint opnieuw)."
    )
    message: str = strawberry.field(description="Het bericht zoals het verstuurd wordt (JSON).")
    created_at: datetime
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    dead_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    attempt_log: list[NotificationAttemptType]

    @classmethod
    def from_model(
        cls, d: NotificationDelivery, attempts: list[NotificationAttempt] | None = None
    ) -> NotificationDeliveryType:
        return cls(
            id=strawberry.ID(str(d.id)), abonnement_id=strawberry.ID(str(d.abonnement_id)),
            status=DeliveryStatus(d.status), attempts=d.attempts, message=d.body,
            created_at=d.created_at, next_attempt_at=d.next_attempt_at,
            delivered_at=d.delivered_at, dead_at=d.dead_at,
            last_status_code=d.last_status_code, last_error=d.last_error,
            attempt_log=[NotificationAttemptType.from_model(a) for a in attempts or []],
        )  # fmt: skip
