"""The callback check Open Notificaties makes when an abonnement is made or changed: a
`kanaal: "test"` message sent with the abonnement's Authorization must get a 2xx, and the
same message without it a 401 or 403, so the receiver really checks who calls."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

import httpx

from messaging.notificaties.messages import encode, test_message
from messaging.notificaties.sender import post

LOOPBACK = {"localhost", "127.0.0.1", "::1"}


def url_problem(url: str, *, https_only: bool) -> str | None:
    """Why a callback URL cannot be used (None: it can)."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return "Geef een volledig adres, dat begint met https://."
    if parts.username or parts.password:
        return "Zet geen gebruikersnaam of wachtwoord in het adres; gebruik auth."
    if https_only and parts.scheme != "https" and parts.hostname not in LOOPBACK:
        return "Het adres moet met https:// beginnen."
    return None


def receiver_of(url: str) -> str:
    """scheme://host:port: requests to one receiver share its limit."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"


async def check_callback(
    url: str, auth: str, secret: str, *, public_url: str, timeout: float
) -> str | None:
    """None when the receiver passes both probes; otherwise why not, in plain Dutch."""
    body = encode(test_message(public_url))
    async with httpx.AsyncClient(follow_redirects=False) as client:
        with_auth = await post(
            client, url, body, auth=auth, secret=secret,
            message_id=f"test-{uuid.uuid4()}", timeout=timeout,
        )  # fmt: skip
        if not with_auth.succeeded:
            got = with_auth.error or f"HTTP {with_auth.status_code}"
            return (
                "Het testbericht met uw auth-header kreeg geen 2xx-antwoord "
                f"({got}). Controleer het adres en de auth-waarde."
            )
        without = await post(
            client, url, body, auth=None, secret=secret,
            message_id=f"test-{uuid.uuid4()}", timeout=timeout,
        )  # fmt: skip
    if without.status_code not in (401, 403):
        got = without.error or f"HTTP {without.status_code}"
        return (
            "Het testbericht zonder auth-header werd niet geweigerd "
            f"({got}; verwacht 401 of 403). Uw ontvanger moet de auth-header controleren."
        )
    return None
