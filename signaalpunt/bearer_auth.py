"""Validate a presented bearer token before GraphQL runs.

No token: anonymous. A valid token: the viewer is put in the request state. An invalid,
expired or foreign token: 401, never silently anonymous (an expired staff token must not turn
a staff action into an anonymous report).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from auth.errors import AuthError, InvalidToken
from signaalpunt.services import AppServices


class MalformedAuthorization(InvalidToken):
    def __init__(self) -> None:
        super().__init__("Stuur uw inlogtoken als 'Authorization: Bearer <token>'.")


def bearer_token(value: str | None) -> str | None:
    """The token of a Bearer header; None without a header; a header that is there but not
    `Bearer <token>` is refused, never taken as anonymous."""
    if value is None or not value.strip():
        return None
    scheme, _, token = value.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise MalformedAuthorization()
    return token.strip()


class BearerAuth:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            request = Request(scope)
            services: AppServices = request.app.state.services
            try:
                token = bearer_token(request.headers.get("authorization"))
                viewer = await services.tokens.validate(token) if token is not None else None
            except AuthError as error:
                await _unauthenticated(error)(scope, receive, send)
                return
            if viewer is not None:
                scope.setdefault("state", {})["viewer"] = viewer
        await self.app(scope, receive, send)


def _unauthenticated(error: AuthError) -> JSONResponse:
    return JSONResponse(
        {"errors": [{"message": error.message, "extensions": {"code": error.code}}]},
        status_code=401,
        headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
    )
