"""The checks an abonnement passes before it is kept, on create and on change: the input
(address, auth value, kanalen and filters), then the callback check at the receiver."""

from __future__ import annotations

from domain.errors import CallbackCheckFailed, InputErrors
from messaging.notificaties.callback_check import check_callback, url_problem
from messaging.notificaties.filters import Kanaal, check_kanalen
from schema.abonnementen.types import KanaalInput
from schema.context import Info
from vocabulary import ErrorCode

MAX_KANALEN = 20


def kanalen_of(inputs: list[KanaalInput]) -> list[Kanaal]:
    return [
        Kanaal(k.naam.strip(), {f.kenmerk.strip(): f.waarde.strip() for f in k.filters})
        for k in inputs
    ]


def check_input(
    problems: InputErrors,
    code: str,
    callback_url: str | None,
    auth: str | None,
    kanalen: list[Kanaal] | None,
    *,
    https_only: bool,
) -> None:
    if callback_url is not None:
        reason = (
            "Het adres is te lang (hoogstens 1000 tekens)."
            if len(callback_url) > 1000
            else url_problem(callback_url, https_only=https_only)
        )
        if reason:
            problems.add("callbackUrl", ErrorCode.INVALID_VALUE, reason)
    if auth is not None and not (3 <= len(auth.strip()) <= 2000):
        problems.add(
            "auth", ErrorCode.INVALID_VALUE,
            "Geef de volledige waarde van de Authorization-header die wij meesturen, "
            "bijvoorbeeld 'Bearer …'.",
        )  # fmt: skip
    if kanalen is not None:
        if len(kanalen) > MAX_KANALEN:
            problems.add("kanalen", ErrorCode.TOO_LONG, f"Hoogstens {MAX_KANALEN} kanalen.")
        for problem in check_kanalen(kanalen, code):
            problems.add(problem.field, ErrorCode.INVALID_VALUE, problem.message)


async def callback_check(info: Info, callback_url: str, auth: str, secret: str) -> None:
    settings = info.context.services.settings
    reason = await check_callback(
        callback_url, auth, secret,
        public_url=settings.public_url, timeout=settings.webhooks.timeout_seconds,
    )  # fmt: skip
    if reason:
        raise CallbackCheckFailed(reason)
