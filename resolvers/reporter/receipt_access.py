"""Find a report by its receipt, with throttling of wrong guesses.

Wrong receipts count against a short-lived salted hash of the client address; after
`receipt_attempts_per_window` misses the client waits out the window. A malformed receipt
counts as a miss too, so guessing by format gains nothing.
"""

from __future__ import annotations

import contextlib

from redis.exceptions import RedisError

from models import Report
from privacy.rate_limit import client_key
from privacy.receipts import hash_receipt_async, normalise_receipt
from schema.context import Info
from schema.errors import ErrorCode, NotFound, TemporarilyUnavailable, Throttled

BUCKET = "receipt"


async def report_for_receipt(
    info: Info, receipt: str
) -> Report | NotFound | Throttled | TemporarilyUnavailable:
    services = info.context.services
    settings = services.settings
    client = client_key(
        info.context.client_address, settings.receipt_pepper, settings.rate_limit_salt_seconds
    )
    limiter = services.receipt_limiter
    try:
        if await limiter.is_blocked(BUCKET, client):
            return Throttled(
                code=ErrorCode.THROTTLED,
                message="Te veel pogingen met een verkeerd bonnummer. Probeer het over een kwartier opnieuw.",
                retry_after_seconds=limiter.window_seconds,
            )
    except (RedisError, OSError):
        # Without the counter we cannot throttle guesses, so we do not answer at all.
        return TemporarilyUnavailable(
            code=ErrorCode.TEMPORARILY_UNAVAILABLE,
            message="Dit lukt nu even niet. Probeer het later opnieuw.",
        )
    report = None
    if normalise_receipt(receipt) is not None:
        digest = await hash_receipt_async(receipt, settings.receipt_pepper)
        report = await Report.get_or_none(receipt_hash=digest)
    if report is None:
        with contextlib.suppress(RedisError, OSError):
            await limiter.hit(BUCKET, client)
        return NotFound(
            code=ErrorCode.INVALID_RECEIPT,
            message="We vinden geen signaal bij dit bonnummer. Kijk of u het goed heeft overgetypt.",
        )
    return report
