"""Strawberry's ASGI app with our context, WebSocket authentication and the local console."""

from __future__ import annotations

from typing import Any

from starlette.responses import HTMLResponse
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError

from auth.errors import AuthError
from console import graphiql_html
from resolvers.dataloaders import Loaders
from schema.context import Context
from signaalpunt.bearer_auth import bearer_token


class SignaalpuntGraphQL(GraphQL[Context, None]):
    async def get_context(self, request: Any, response: Any) -> Context:
        return Context(
            request=request,
            response=response,
            services=request.app.state.services,
            loaders=Loaders(),
            viewer=request.scope.get("state", {}).get("viewer"),
        )

    async def on_ws_connect(self, context: Context) -> dict[str, object] | None:
        params = context.connection_params or {}
        raw = params.get("Authorization") or params.get("authorization")
        try:
            token = bearer_token(str(raw)) if raw else None
            if token is None:
                return None
            context.viewer = await context.services.tokens.validate(token)
        except AuthError as error:
            raise ConnectionRejectionError(
                {"code": error.code, "message": error.message}
            ) from error
        return None

    async def render_graphql_ide(self, request: Any) -> HTMLResponse:
        return HTMLResponse(graphiql_html())
