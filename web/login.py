"""Logging in to the web client: OIDC authorization code with PKCE against the configured
issuer (`OIDC_ISSUER`; by default the app's own development issuer and its local login).

- `/inloggen` makes a state, a nonce and a PKCE verifier, keeps them in Redis for ten
  minutes under the state (bound to this browser by a short `sp_login` cookie), and sends
  the browser to the issuer's authorization endpoint (found by OIDC discovery).
- `/inloggen/terug` checks the state against the cookie, uses the state once, exchanges the
  code with the verifier at the token endpoint (authlib), checks the ID token's signature,
  audience and nonce, and keeps the access token server-side: the browser holds only a
  random session id (`sp_sessie`, HttpOnly, SameSite=Lax so the issuer's redirect carries
  it). The pages run their operations with that token's viewer, as an API client would.
- `/uitloggen` (POST, CSRF-checked) forgets the session.

A login that fails says so on the page; nothing is logged but the kind of failure.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.httpx_client import AsyncOAuth2Client
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from auth.errors import AuthError
from auth.roles import Viewer

log = logging.getLogger(__name__)

SESSION_COOKIE = "sp_sessie"
LOGIN_COOKIE = "sp_login"
LOGIN_SECONDS = 600
SESSION_SECONDS_MAX = 8 * 3600
CALLBACK_PATH = "/inloggen/terug"


@dataclass(frozen=True)
class Account:
    """Who is logged in on this browser: the token's viewer and the name to greet."""

    viewer: Viewer
    name: str | None


class LoginFailed(Exception):
    """The issuer did not give us a valid login (its answer, the token, or the nonce)."""


def _services(request: Request) -> Any:
    return request.app.state.services


def _key(request: Request, kind: str, value: str) -> str:
    return f"{_services(request).settings.namespace}:web-{kind}:{value}"


def _own_issuer(request: Request) -> bool:
    settings = _services(request).settings
    return settings.dev_issuer_enabled and settings.oidc_issuer == (
        f"{settings.public_url}/dev-issuer"
    )


def _client(request: Request) -> Any:
    """A public OIDC client (authlib's `AsyncOAuth2Client`, an `httpx.AsyncClient`; typed
    `Any` because its mixed-in bases hide httpx's methods from the type checker). The app's
    own development issuer is asked in-process."""
    settings = _services(request).settings
    transport = httpx.ASGITransport(app=request.app) if _own_issuer(request) else None
    return AsyncOAuth2Client(
        client_id=settings.oidc_client_id,
        scope=settings.oidc_scopes,
        redirect_uri=f"{settings.public_url}{CALLBACK_PATH}",
        code_challenge_method="S256",
        token_endpoint_auth_method="none",
        transport=transport,
        timeout=10,
    )


_discovered: dict[str, dict[str, Any]] = {}


async def _configuration(request: Request, client: Any) -> dict[str, Any]:
    issuer = _services(request).settings.oidc_issuer
    if issuer not in _discovered:
        response = await client.request(
            "GET", f"{issuer}/.well-known/openid-configuration", withhold_token=True
        )
        response.raise_for_status()
        _discovered[issuer] = response.json()
    return _discovered[issuer]


def _secure(request: Request) -> bool:
    return _services(request).settings.public_url.startswith("https://")


async def start(request: Request, lang: str) -> Response:
    """Send the browser to the issuer, with a fresh state, nonce and PKCE verifier."""
    state, nonce, verifier = (secrets.token_urlsafe(32) for _ in range(3))
    verifier += secrets.token_urlsafe(32)  # 86 characters: within RFC 7636's 43–128
    async with _client(request) as client:
        configuration = await _configuration(request, client)
        url, _ = client.create_authorization_url(
            configuration["authorization_endpoint"], state=state, code_verifier=verifier,
            nonce=nonce, ui_locales=lang,
        )  # fmt: skip
    await _services(request).redis.set(
        _key(request, "login", state),
        json.dumps({"nonce": nonce, "verifier": verifier, "lang": lang}),
        ex=LOGIN_SECONDS,
    )
    response = RedirectResponse(url, status_code=303)
    response.set_cookie(LOGIN_COOKIE, state, max_age=LOGIN_SECONDS, path=CALLBACK_PATH,
                        secure=_secure(request), httponly=True, samesite="lax")  # fmt: skip
    return response


async def finish(request: Request) -> tuple[str, Response | None]:
    """Complete the login: (language, a redirect that sets the session) or (language, None)
    when the login failed."""
    state = request.query_params.get("state") or ""
    raw = None
    if state and secrets.compare_digest(state, request.cookies.get(LOGIN_COOKIE) or ""):
        raw = await _services(request).redis.getdel(_key(request, "login", state))
    if raw is None:
        log.info("login refused: unknown, used or foreign state")
        return "nl", None
    login = json.loads(raw)
    try:
        access_token, expires_in, name = await _exchange(request, login)
    except LoginFailed as error:
        log.info("login refused: %s", error)
        return login["lang"], None
    session = secrets.token_urlsafe(32)
    ttl = max(60, min(expires_in, SESSION_SECONDS_MAX))
    await _services(request).redis.set(
        _key(request, "session", session),
        json.dumps({"access_token": access_token, "name": name}),
        ex=ttl,
    )
    response = RedirectResponse(f"/mijn-signalen?{urlencode({'lang': login['lang']})}", 303)
    response.set_cookie(SESSION_COOKIE, session, max_age=ttl, path="/",
                        secure=_secure(request), httponly=True, samesite="lax")  # fmt: skip
    response.delete_cookie(LOGIN_COOKIE, path=CALLBACK_PATH)
    return login["lang"], response


async def _exchange(request: Request, login: dict[str, str]) -> tuple[str, int, str | None]:
    code = request.query_params.get("code")
    if not code:
        raise LoginFailed(request.query_params.get("error") or "no code")
    services = _services(request)
    try:
        async with _client(request) as client:
            configuration = await _configuration(request, client)
            token = await client.fetch_token(
                configuration["token_endpoint"], code=code, code_verifier=login["verifier"],
                grant_type="authorization_code",
            )  # fmt: skip
        claims = await services.tokens.check_id_token(
            str(token.get("id_token") or ""), client_id=services.settings.oidc_client_id,
            nonce=login["nonce"],
        )  # fmt: skip
        access_token = str(token["access_token"])
        await services.tokens.validate(access_token)
    except (AuthlibBaseError, httpx.HTTPError, AuthError, KeyError, ValueError) as error:
        # The issuer said no (invalid_grant…), did not answer, or its token is not valid.
        raise LoginFailed(type(error).__name__) from error
    return access_token, int(token.get("expires_in") or 3600), claims.get("name")


async def account(request: Request) -> Account | None:
    """Who is logged in, or None (no session, or its token no longer valid)."""
    session = request.cookies.get(SESSION_COOKIE)
    if not session:
        return None
    raw = await _services(request).redis.get(_key(request, "session", session))
    if raw is None:
        return None
    stored = json.loads(raw)
    try:
        viewer = await _services(request).tokens.validate(stored["access_token"])
    except AuthError:
        await logout(request)
        return None
    return Account(viewer=viewer, name=stored.get("name"))


async def logout(request: Request) -> None:
    session = request.cookies.get(SESSION_COOKIE)
    if session:
        await _services(request).redis.delete(_key(request, "session", session))


def with_account(
    endpoint: Callable[[Request], Awaitable[Response]],
) -> Callable[[Request], Awaitable[Response]]:
    """Load who is logged in into `request.state.account` before the page runs."""

    async def page(request: Request) -> Response:
        request.state.account = await account(request)
        return await endpoint(request)

    return page
