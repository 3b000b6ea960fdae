"""Validate a presented bearer token before GraphQL runs.

No token: anonymous. A valid token: the viewer is put in the request state. An invalid,
expired or foreign token: 401, never silently anonymous (an expired staff token must not turn
a staff action into an anonymous report).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from auth.errors import AuthError
from signaalpunt.services import AppServices


def bearer_token(value: str | None) -> str | None:
    if not value:
        return None
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


class BearerAuth:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            request = Request(scope)
            token = bearer_token(request.headers.get("authorization"))
            if token is not None:
                services: AppServices = request.app.state.services
                try:
                    viewer = await services.tokens.validate(token)
                except AuthError as error:
                    response = JSONResponse(
                        {
                            "errors": [
                                {"message": error.message, "extensions": {"code": error.code}}
                            ]
                        },
                        status_code=401,
                        headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
                    )
                    await response(scope, receive, send)
                    return
                scope.setdefault("state", {})["viewer"] = viewer
        await self.app(scope, receive, send)
