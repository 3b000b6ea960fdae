"""One POST of a notification to a callback: the outcome, never an exception.

Network faults, timeouts and non-2xx answers are outcomes recorded on the attempt; the
error text is the exception's kind and message, or the start of the receiver's answer.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from messaging.notificaties.signing import signed_headers

JSON = "application/json"
CLOUD_EVENTS = "application/cloudevents+json"


@dataclass(frozen=True)
class Outcome:
    succeeded: bool
    duration_ms: int
    status_code: int | None = None
    error: str | None = None


def _error(error: Exception) -> str:
    text = str(error) or "geen antwoord"
    return f"{type(error).__name__}: {text}"[:300]


async def post(
    client: httpx.AsyncClient,
    url: str,
    body: str,
    *,
    auth: str | None,
    secret: str,
    message_id: str,
    timeout: float,
    cloud_events: bool = False,
) -> Outcome:
    headers = {
        "Content-Type": f"{CLOUD_EVENTS if cloud_events else JSON}; charset=utf-8",
        **signed_headers(secret, message_id, body),
    }
    if auth is not None:
        headers["Authorization"] = auth
    started = time.perf_counter()
    try:
        response = await client.post(url, content=body.encode(), headers=headers, timeout=timeout)
    except httpx.HTTPError as error:
        return Outcome(False, _elapsed(started), None, _error(error))
    elapsed = _elapsed(started)
    if response.is_success:
        return Outcome(True, elapsed, response.status_code)
    return Outcome(
        False, elapsed, response.status_code, f"HTTP {response.status_code}: {response.text[:200]}"
    )


def _elapsed(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)
