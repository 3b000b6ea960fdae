"""Deliver a referral's dossier to the partner: signed POST, retried with backoff.

Every attempt is recorded (committed before a retry is scheduled). Delivery is idempotent:
a referral already sent is not sent again, and the partner receives the referral id as
`Idempotency-Key` so a retry after a lost response is recognisable on their side.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

import httpx
from arq import Retry
from tortoise.transactions import in_transaction

from domain.signing import SIGNATURE_HEADER, sign
from domain.taxonomy import (
    ADDRESSEE_LABELS_NL,
    Addressee,
    MessageAuthor,
    MessageDirection,
    ReferralStatus,
    ReportStatus,
)
from messaging.outbox import complete
from models import DeliveryAttempt, FeedbackMessage, Referral, Report
from settings import get_settings

log = logging.getLogger(__name__)

DELIVERABLE = {ReferralStatus.APPROVED, ReferralStatus.DELIVERY_FAILED}


def job_key(referral_id: str) -> str:
    return f"deliver_referral:{referral_id}"


async def deliver_referral(ctx: dict[str, Any], referral_id: str) -> str:
    settings = get_settings()
    outcome: str
    async with in_transaction() as conn:
        referral = await Referral.filter(id=referral_id).using_db(conn).select_for_update().first()
        if referral is None or referral.status not in DELIVERABLE:
            await complete(job_key(referral_id), conn)
            return "nothing to deliver"
        endpoint = settings.partners[referral.addressee.value]
        attempt_no = await DeliveryAttempt.filter(referral_id=referral.id).using_db(conn).count()
        attempt = DeliveryAttempt(referral_id=referral.id, attempt=attempt_no + 1)
        body = json.dumps(referral.dossier, sort_keys=True, ensure_ascii=False).encode()
        if not endpoint.url:
            attempt.error = "Geen adres ingesteld voor deze partner"
        else:
            try:
                async with httpx.AsyncClient(timeout=10.0) as client:
                    response = await client.post(
                        endpoint.url,
                        content=body,
                        headers={
                            "Content-Type": "application/json; charset=utf-8",
                            SIGNATURE_HEADER: sign(endpoint.secret, body),
                            "Idempotency-Key": str(referral.id),
                            "Signaalpunt-Delivery-Attempt": str(attempt.attempt),
                        },
                    )
                attempt.status_code = response.status_code
                attempt.succeeded = response.is_success
                if not response.is_success:
                    attempt.error = response.text[:500]
                else:
                    reference = _partner_reference(response)
                    if reference:
                        referral.partner_reference = reference
            except httpx.HTTPError as error:
                attempt.error = f"{type(error).__name__}: {error}"[:500]
        await attempt.save(using_db=conn)

        if attempt.succeeded:
            referral.status = ReferralStatus.SENT
            referral.sent_at = datetime.now(UTC)
            await referral.save(using_db=conn)
            await (
                Report.filter(theme_id=referral.theme_id)
                .using_db(conn)
                .update(status=ReportStatus.REFERRED)
            )
            await FeedbackMessage.create(
                theme_id=referral.theme_id,
                referral_id=referral.id,
                direction=MessageDirection.TO_REPORTER,
                author=MessageAuthor.SYSTEM,
                body=(
                    "Uw signaal hoort bij een probleem dat vaker voorkomt. We hebben het "
                    f"doorgestuurd naar de {ADDRESSEE_LABELS_NL[Addressee(referral.addressee)]}. "
                    "Zodra zij reageren, leest u dat hier."
                ),
                using_db=conn,
            )
            await complete(job_key(referral_id), conn)
            outcome = "sent"
        elif ctx.get("job_try", 1) >= settings.delivery_max_tries:
            referral.status = ReferralStatus.DELIVERY_FAILED
            await referral.save(using_db=conn)
            await complete(job_key(referral_id), conn)
            outcome = "failed"
        else:
            outcome = "retry"

    if outcome == "retry":
        delay = settings.delivery_backoff_seconds * 2 ** (ctx.get("job_try", 1) - 1)
        log.warning("delivery of referral %s failed; retrying in %.1fs", referral_id, delay)
        raise Retry(defer=delay)
    return outcome


def _partner_reference(response: httpx.Response) -> str | None:
    try:
        data = response.json()
    except ValueError:
        return None
    if isinstance(data, dict) and data.get("reference"):
        return str(data["reference"])[:200]
    return None
