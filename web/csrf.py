"""CSRF tokens for the forms, with no session: a random value in a cookie scoped to the
pages (SameSite=Strict, HttpOnly) and the same value, HMAC-signed with a timestamp, in a
hidden field. A cross-site form can set neither. For an anonymous visitor it is the only
cookie the pages set, and only because a form needs it (logging in adds the session's,
`web.login`)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

COOKIE = "sp_form"
MAX_AGE_SECONDS = 4 * 3600


def new_value() -> str:
    return secrets.token_urlsafe(24)


def token_for(key: str, value: str, now: float | None = None) -> str:
    stamp = str(int(now or time.time()))
    mac = hmac.new(key.encode(), f"{value}.{stamp}".encode(), hashlib.sha256).hexdigest()
    return f"{stamp}.{mac}"


def valid(key: str, cookie_value: str | None, token: str | None, now: float | None = None) -> bool:
    if not cookie_value or not token or "." not in token:
        return False
    stamp, _, _ = token.partition(".")
    if not stamp.isdigit() or (now or time.time()) - int(stamp) > MAX_AGE_SECONDS:
        return False
    return hmac.compare_digest(token, token_for(key, cookie_value, int(stamp)))
