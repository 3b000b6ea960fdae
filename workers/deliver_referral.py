"""Deliver a referral's dossier to the partner: signed POST, retried with backoff.

No network I/O inside a transaction: the attempt is locked and recorded and committed, the
POST runs, and its outcome is recorded in a second transaction. Delivery is idempotent: a
referral already sent is not sent again, and the partner receives the referral id as
`Idempotency-Key`, so a repeat after a lost response is recognisable on their side.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
from arq import Retry
from tortoise.transactions import in_transaction

from domain import workflow
from domain.service_levels import partner_answer_due
from domain.signing import SIGNATURE_HEADER, sign
from domain.system_messages import REFERRAL_SENT, stored_body
from messaging.outbox import complete
from models import DeliveryAttempt, FeedbackMessage, Referral, Report
from vocabulary import MessageAuthor, MessageDirection, ReferralStatus, ReportStatus
from workers.context import context_of

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class Outcome:
    status_code: int | None = None
    succeeded: bool = False
    error: str | None = None
    partner_reference: str | None = None


async def _post(
    url: str | None, secret: str, referral_id: str, attempt: int, body: bytes
) -> Outcome:
    if not url:
        return Outcome(error="Geen adres ingesteld voor deze partner")
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT_SECONDS) as client:
            response = await client.post(
                url,
                content=body,
                headers={
                    "Content-Type": "application/json; charset=utf-8",
                    SIGNATURE_HEADER: sign(secret, body),
                    "Idempotency-Key": referral_id,
                    "Signaalpunt-Delivery-Attempt": str(attempt),
                },
            )
    except httpx.HTTPError as error:
        return Outcome(error=f"{type(error).__name__}: {error}"[:500])
    if not response.is_success:
        return Outcome(status_code=response.status_code, error=response.text[:500])
    return Outcome(response.status_code, True, None, _partner_reference(response))


async def deliver_referral(ctx: dict[str, Any], referral_id: str) -> str:
    app = context_of(ctx)
    outbox_key = str(ctx.get("job_id", ""))
    job_try = int(ctx.get("job_try", 1))

    async with in_transaction() as conn:
        referral = await Referral.filter(id=referral_id).using_db(conn).select_for_update().first()
        if referral is None or referral.status != ReferralStatus.APPROVED:
            await complete(outbox_key, conn)
            return "nothing to deliver"
        count = await DeliveryAttempt.filter(referral_id=referral.id).using_db(conn).count()
        attempt = await DeliveryAttempt.create(
            referral_id=referral.id, attempt=count + 1, using_db=conn
        )
        endpoint = app.partners[referral.addressee.value]
        body = json.dumps(referral.dossier, sort_keys=True, ensure_ascii=False).encode()

    outcome = await _post(endpoint.url, endpoint.secret, str(referral.id), attempt.attempt, body)

    async with in_transaction() as conn:
        referral = await Referral.filter(id=referral_id).using_db(conn).select_for_update().get()
        await (
            DeliveryAttempt.filter(id=attempt.id)
            .using_db(conn)
            .update(
                status_code=outcome.status_code, succeeded=outcome.succeeded, error=outcome.error
            )
        )
        if referral.status != ReferralStatus.APPROVED:  # another run finished it meanwhile
            await complete(outbox_key, conn)
            return "already delivered"
        if outcome.succeeded:
            workflow.check_referral(referral.status, ReferralStatus.SENT, workflow.SYSTEM)
            referral.status = ReferralStatus.SENT
            referral.sent_at = datetime.now(UTC)
            referral.answer_due = partner_answer_due(referral.sent_at.date())
            if outcome.partner_reference:
                referral.partner_reference = outcome.partner_reference
            await referral.save(using_db=conn)
            # A referral never reopens a closed or declined report.
            await (
                Report.filter(
                    theme_id=referral.theme_id,
                    status__in=workflow.report_sources(ReportStatus.REFERRED, workflow.SYSTEM),
                )
                .using_db(conn)
                .update(status=ReportStatus.REFERRED)
            )
            await FeedbackMessage.create(
                theme_id=referral.theme_id,
                referral_id=referral.id,
                direction=MessageDirection.TO_REPORTER,
                author=MessageAuthor.SYSTEM,
                body=stored_body(REFERRAL_SENT, {"addressee": referral.addressee}),
                text_id=REFERRAL_SENT,
                text_params={"addressee": referral.addressee},
                using_db=conn,
            )
            await complete(outbox_key, conn)
        elif job_try >= app.delivery_max_tries:
            workflow.check_referral(
                referral.status, ReferralStatus.DELIVERY_FAILED, workflow.SYSTEM
            )
            referral.status = ReferralStatus.DELIVERY_FAILED
            await referral.save(using_db=conn)
            await complete(outbox_key, conn)
            return "failed"
    if outcome.succeeded:
        # After commit: the municipalities following the theme hear that it was sent.
        await app.publisher.publish([(str(referral.theme_id), "REFERRAL_SENT")])
        return "sent"

    delay = app.delivery_backoff_seconds * 2 ** (job_try - 1)
    log.warning("delivery of referral %s failed; retrying in %.1fs", referral_id, delay)
    raise Retry(defer=delay)


def _partner_reference(response: httpx.Response) -> str | None:
    try:
        data = response.json()
    except ValueError:
        return None
    if isinstance(data, dict) and data.get("reference"):
        return str(data["reference"])[:200]
    return None
