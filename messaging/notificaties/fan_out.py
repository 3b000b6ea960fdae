"""Record a theme change for every abonnement that wants it: one notification, one
delivery row per matching abonnement (the delivery outbox), then ask for delivery.

Runs where the change is announced (`ThemePublisher`, after the change committed): the
WebSocket subscription and the webhooks are fed by that one event.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from redis.exceptions import RedisError
from tortoise.transactions import in_transaction

from messaging.jobs import JobQueue
from messaging.notificaties.filters import REFERRALS, kanalen_from_json, matches
from messaging.notificaties.messages import (
    cloud_event,
    encode,
    kanaal_and_actie,
    message,
    theme_kenmerken,
    theme_url,
)
from models import Abonnement, Notificatie, NotificationDelivery, Referral, Theme

log = logging.getLogger(__name__)


class Notifier:
    def __init__(self, queue: JobQueue | None, public_url: str) -> None:
        self.queue = queue
        self.public_url = public_url

    async def notify(self, theme: Theme, payload: dict[str, Any], change: str) -> int:
        """Deliveries recorded for this change (0 when no abonnement wants it)."""
        codes = [str(code) for code in theme.municipality_codes]
        if not codes:
            return 0
        abonnementen = await Abonnement.filter(municipality_code__in=codes)
        if not abonnementen:
            return 0
        kanaal, actie = kanaal_and_actie(change, str(payload["status"]))
        addressee = await _latest_addressee(theme) if kanaal == REFERRALS else None
        kenmerken = theme_kenmerken(payload, actie, addressee)
        wanted = [
            a for a in abonnementen
            if matches(kanalen_from_json(a.kanalen), kanaal, {**kenmerken, "gemeentecode": a.municipality_code})
        ]  # fmt: skip
        if not wanted:
            return 0
        url = theme_url(self.public_url, str(theme.id))
        async with in_transaction() as conn:
            notificatie = await Notificatie.create(
                kanaal=kanaal, actie=actie, theme_id=theme.id, kenmerken=kenmerken,
                municipality_codes=codes, using_db=conn,
            )  # fmt: skip
            deliveries = []
            for abonnement in wanted:
                body = message(
                    kanaal=kanaal, actie=actie, url=url, created_at=notificatie.created_at,
                    kenmerken=kenmerken, gemeentecode=abonnement.municipality_code,
                )  # fmt: skip
                delivery_id = uuid.uuid4()
                if abonnement.cloud_events:
                    body = cloud_event(body, str(delivery_id), self.public_url)
                deliveries.append(
                    NotificationDelivery(
                        id=delivery_id, notificatie_id=notificatie.id, abonnement_id=abonnement.id,
                        body=encode(body), next_attempt_at=notificatie.created_at,
                    )
                )  # fmt: skip
            await NotificationDelivery.bulk_create(deliveries, using_db=conn)
        await self.request_delivery()
        return len(deliveries)

    async def request_delivery(self) -> None:
        """Soon; without Redis the worker's cron finds the due deliveries anyway."""
        if self.queue is None:
            return
        try:
            await self.queue.request_notification_delivery()
        except (RedisError, OSError) as error:
            log.warning("queue unavailable, notifications wait for the cron: %s", error)


async def _latest_addressee(theme: Theme) -> str | None:
    referral = await Referral.filter(theme_id=theme.id).order_by("-updated_at").first()
    return referral.addressee.value if referral else None
