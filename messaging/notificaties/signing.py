"""Standard Webhooks signatures (`webhook-id`, `webhook-timestamp`, `webhook-signature`),
so a receiver verifies with an off-the-shelf library and the abonnement's secret."""

from __future__ import annotations

import base64
import secrets
from datetime import UTC, datetime

from standardwebhooks.webhooks import Webhook

PREFIX = "whsec_"


def new_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def signed_headers(
    secret: str, message_id: str, body: str, at: datetime | None = None
) -> dict[str, str]:
    moment = at or datetime.now(UTC)
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(moment.timestamp())),
        "webhook-signature": Webhook(secret).sign(message_id, moment, body),
    }
