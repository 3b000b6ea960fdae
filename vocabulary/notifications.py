"""Municipal webhooks in the Open Notificaties style: the states of an abonnement and of
one notification's delivery to it."""

from __future__ import annotations

from enum import StrEnum


class AbonnementStatus(StrEnum):
    ACTIVE = "ACTIVE"
    # Stopped by the system after a dead letter; a change that passes the callback check
    # starts it again.
    PAUSED = "PAUSED"


class DeliveryStatus(StrEnum):
    PENDING = "PENDING"
    DELIVERED = "DELIVERED"
    # Every attempt failed: a dead letter, until staff or the municipality resend it.
    DEAD = "DEAD"
