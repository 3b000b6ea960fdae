"""The development issuer's login: `/dev-issuer/authorize` and `/dev-issuer/token`.

A resident or professional types a name (no password: this issuer exists for development
and tests, and production switches it off); the same name is the same account. The web
client then runs the authorization-code flow with PKCE against it exactly as it would
against the configured provider. Codes live in Redis for a minute and are used once.
Errors at the token endpoint are RFC 6749's (`invalid_grant`, …), never a stack trace.
"""

from __future__ import annotations

import json
import secrets
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from auth import dev_issuer
from auth.roles import Role
from signaalpunt.services import AppServices
from web.pages import Page

LOGIN_ROLES = (Role.RESIDENT, Role.PROFESSIONAL)
_PARAMS = ("client_id", "redirect_uri", "state", "nonce", "code_challenge", "scope")


def _code_key(services: AppServices, code: str) -> str:
    return f"{services.settings.namespace}:dev-issuer:code:{code}"


def _problem(params: dict[str, str], public_url: str) -> str | None:
    """Why this authorization request cannot be served, or None."""
    if params.get("response_type", "code") != "code":
        return "response_type moet 'code' zijn / must be 'code'"
    if params.get("code_challenge_method") != "S256" or not params.get("code_challenge"):
        return "PKCE met S256 is verplicht / PKCE with S256 is required"
    if not params.get("client_id") or not params.get("state"):
        return "client_id en state zijn verplicht / client_id and state are required"
    if not params.get("redirect_uri", "").startswith(f"{public_url}/"):
        return "redirect_uri hoort niet bij deze app / does not belong to this app"
    return None


async def authorize(request: Request) -> Response:
    services: AppServices = request.app.state.services
    form = await request.form() if request.method == "POST" else None
    source: Any = form if form is not None else request.query_params
    params = {
        k: str(source.get(k) or "") for k in (*_PARAMS, "response_type", "code_challenge_method")
    }
    page = Page(request, form)
    problem = _problem(params, services.settings.public_url)
    if problem:
        return JSONResponse({"error": "invalid_request", "error_description": problem}, 400)
    if form is None:
        return page.render("dev_login.html", params=params, roles=LOGIN_ROLES, form={})
    name = str(form.get("name") or "").strip()
    role = Role(str(form.get("role"))) if form.get("role") in set(LOGIN_ROLES) else Role.RESIDENT
    if not page.checked(form) or not 2 <= len(name) <= 60:
        message = page.gettext("Vul een naam in van 2 tot 60 tekens.")
        return page.render("dev_login.html", 400, params=params, roles=LOGIN_ROLES,
                           form={"name": name, "role": role.value},
                           errors=[{"field": "name", "message": message}])  # fmt: skip
    code = secrets.token_urlsafe(32)
    grant = {**params, "subject": dev_issuer.subject_for(name, role), "name": name,
             "role": role.value}  # fmt: skip
    await services.redis.set(
        _code_key(services, code), json.dumps(grant), ex=dev_issuer.CODE_SECONDS
    )
    query = urlencode({"code": code, "state": params["state"]})
    return RedirectResponse(f"{params['redirect_uri']}?{query}", status_code=303)


def _error(error: str, description: str) -> JSONResponse:
    return JSONResponse(
        {"error": error, "error_description": description}, 400,
        headers={"Cache-Control": "no-store"},
    )  # fmt: skip


async def token(request: Request) -> Response:
    services: AppServices = request.app.state.services
    settings = services.settings
    form = await request.form()
    if form.get("grant_type") != "authorization_code":
        return _error("unsupported_grant_type", "only authorization_code")
    raw = await services.redis.getdel(_code_key(services, str(form.get("code") or "")))
    if raw is None:
        return _error("invalid_grant", "the code is unknown, used or expired")
    grant = json.loads(raw)
    if (
        form.get("redirect_uri") != grant["redirect_uri"]
        or form.get("client_id") != grant["client_id"]
    ):
        return _error("invalid_grant", "redirect_uri or client_id differs from the request")
    if not dev_issuer.pkce_matches(str(form.get("code_verifier") or ""), grant["code_challenge"]):
        return _error("invalid_grant", "the code_verifier does not match the code_challenge")
    issuer = f"{settings.public_url}/dev-issuer"
    common = {"issuer": issuer, "role": Role(grant["role"]), "subject": grant["subject"],
              "name": grant["name"], "ttl_seconds": 3600}  # fmt: skip
    access = dev_issuer.issue_token(settings.data_dir, audience=settings.oidc_audience, **common)
    identity = dev_issuer.issue_token(
        settings.data_dir, audience=grant["client_id"], nonce=grant["nonce"] or None, **common
    )
    return JSONResponse(
        {"access_token": access, "id_token": identity, "token_type": "Bearer",
         "expires_in": 3600, "scope": grant["scope"] or "openid"},
        headers={"Cache-Control": "no-store"},
    )  # fmt: skip


def routes() -> list[Route]:
    return [
        Route("/dev-issuer/authorize", authorize, methods=["GET", "POST"]),
        Route("/dev-issuer/token", token, methods=["POST"]),
    ]
