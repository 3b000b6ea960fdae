"""Find a report by its receipt, with throttling of wrong guesses.

Every attempt is counted against a short-lived salted hash of the client address before the
receipt is hashed, and given back when the receipt was right; after
`receipt_attempts_per_window` misses the client waits out the window. A malformed receipt
counts as a miss too, so guessing by format gains nothing.
"""

from __future__ import annotations

import contextlib
from collections import Counter

from domain.errors import InputErrors, NotFound, TemporarilyUnavailable, Throttled
from models import Report
from privacy.rate_limit import LimiterUnavailable, client_key
from privacy.receipts import hash_receipt_async, normalise_receipt
from resolvers.validation import parse_uuid
from schema.context import Info
from vocabulary import ErrorCode
from vocabulary.translations import N_, t

BUCKET = "receipt"


# Receipt lookups of one client running at the same moment in this process, at most.
MAX_CONCURRENT_PER_CLIENT = 2
_running: Counter[str] = Counter()


def reporters_report_id(
    problems: InputErrors, receipt: str | None, report_id: object | None
) -> str | None:
    """Check how a reporter names their report: a receipt (anonymous) or, with an account,
    its reference. The id is read only when no receipt was given."""
    if not receipt and not report_id:
        problems.add("receipt", ErrorCode.REQUIRED, t("Vul uw bonnummer in."))
    return parse_uuid(problems, "reportId", report_id) if report_id and not receipt else None


async def reporters_report(info: Info, receipt: str | None, report_id: str | None) -> Report:
    """The reporter's own report: by receipt (throttled), or by id for the account that made
    it. Another person's report answers NotFound, the same as one that does not exist."""
    if receipt:
        return await report_for_receipt(info, receipt)
    viewer = info.context.viewer
    found = await Report.get_or_none(id=report_id) if report_id else None
    if found is None or viewer is None or found.reporter_subject != viewer.subject:
        raise NotFound.of(N_("Dit signaal"))
    return found


async def report_for_receipt(info: Info, receipt: str) -> Report:
    """The report of this receipt; raises Throttled, NotFound or TemporarilyUnavailable."""
    services = info.context.services
    settings = services.settings
    info.context.receipt_lookups += 1
    if info.context.receipt_lookups > 1:
        raise Throttled(t("Zoek één bonnummer per keer op."), retry_after_seconds=1)
    client = client_key(
        info.context.client_address, settings.receipt_pepper, settings.rate_limit_salt_seconds
    )
    if _running[client] >= MAX_CONCURRENT_PER_CLIENT:
        raise Throttled(
            t("U zoekt al een bonnummer op. Wacht op het antwoord en probeer het dan opnieuw."),
            retry_after_seconds=1,
        )
    _running[client] += 1
    try:
        return await _look_up(info, receipt, client)
    finally:
        _running[client] -= 1
        if _running[client] <= 0:
            del _running[client]


async def _look_up(info: Info, receipt: str, client: str) -> Report:
    services = info.context.services
    settings = services.settings
    limiter = services.receipt_limiter
    try:
        allowed = await limiter.take(client)
        retry_after = limiter.window_seconds if allowed else await limiter.retry_after(client)
    except LimiterUnavailable as error:
        # Without the counter we cannot throttle guesses, so we do not answer at all.
        raise TemporarilyUnavailable() from error
    if not allowed:
        raise Throttled(
            t(
                "Te veel pogingen met een verkeerd bonnummer. Probeer het over een kwartier "
                "opnieuw."
            ),
            retry_after_seconds=retry_after,
        )
    report = None
    if normalise_receipt(receipt) is not None:
        digest = await hash_receipt_async(receipt, settings.receipt_pepper)
        report = await Report.get_or_none(receipt_hash=digest)
    if report is None:
        raise NotFound(
            t("We vinden geen signaal bij dit bonnummer. Kijk of u het goed heeft overgetypt."),
            code=ErrorCode.INVALID_RECEIPT,
        )
    # A right receipt uses up nothing: only misses count against the client.
    with contextlib.suppress(LimiterUnavailable):
        await limiter.give_back(client)
    return report
