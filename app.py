"""The Starlette application: GraphQL over HTTP and WebSocket, the console, the dev issuer.

Everything that needs starting (database, Redis clients, the theme broadcast subscription,
the outbox sweep) starts in `lifespan`, nowhere else.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from tortoise import connections

from app_services import AppServices
from auth import dev_issuer
from auth.errors import AuthError
from auth.jwks import JWKSCache
from auth.tokens import TokenValidator
from console import ASSETS_DIR, graphiql_html
from database import close_database, init_database, run_migrations
from messaging.broadcast import ThemeBroadcaster
from messaging.outbox import sweep
from messaging.redis_client import connect
from privacy.rate_limit import RateLimiter
from resolvers.dataloaders import Loaders
from schema.context import Context
from schema.root import build_schema
from settings import Settings, get_settings

log = logging.getLogger(__name__)


def _bearer(value: str | None) -> str | None:
    if not value:
        return None
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


class SignaalpuntGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI app with our context, WebSocket auth and the local console."""

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
        token = _bearer(str(raw)) if raw else None
        if token is None:
            return None
        try:
            context.viewer = await context.services.tokens.validate(token)
        except AuthError as error:
            raise ConnectionRejectionError(
                {"code": error.code, "message": error.message}
            ) from error
        return None

    async def render_graphql_ide(self, request: Any) -> HTMLResponse:
        return HTMLResponse(graphiql_html())


class BearerAuth:
    """Validate a presented bearer token before GraphQL runs.

    No token: anonymous. A valid token: the viewer is put in the request state. An invalid,
    expired or foreign token: 401, never silently anonymous (an expired staff token must not
    turn a staff action into an anonymous report).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            request = Request(scope)
            token = _bearer(request.headers.get("authorization"))
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


async def _sweep_outbox_forever(services: AppServices) -> None:
    """Until Redis is back, reports wait in the outbox; this puts them on the queue."""
    while True:
        await asyncio.sleep(services.settings.outbox_sweep_seconds)
        try:
            await sweep(services.redis, services.settings)
        except Exception:  # the sweep must outlive any single failure
            log.exception("outbox sweep failed")


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or get_settings()
    schema = build_schema(settings)
    graphql_app = SignaalpuntGraphQL(
        schema,
        graphql_ide="graphiql" if settings.graphiql_enabled else None,
        subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        allowed_origins=settings.allowed_origins,
        keep_alive=True,
        keep_alive_interval=15,
    )
    authed_graphql = BearerAuth(graphql_app)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        embedded = None
        database_url, redis_url = settings.database_url, settings.redis_url
        if not database_url or not redis_url:
            from embedded import start_embedded

            embedded = await asyncio.to_thread(
                start_embedded,
                settings.data_dir,
                need_db=not database_url,
                need_redis=not redis_url,
            )
            database_url = database_url or embedded.database_url
            redis_url = redis_url or embedded.redis_url
            if not settings.database_url:
                await run_migrations(database_url)
        await init_database(database_url)
        redis = connect(redis_url)
        broadcaster = ThemeBroadcaster(redis_url, settings.theme_channel)
        await broadcaster.start()
        jwks = JWKSCache(settings.oidc_issuer, settings.oidc_jwks_url)
        app.state.services = AppServices(
            settings=settings,
            redis=redis,
            broadcaster=broadcaster,
            tokens=TokenValidator(
                jwks, issuer=settings.oidc_issuer, audience=settings.oidc_audience
            ),
            receipt_limiter=RateLimiter(
                redis,
                settings.namespace,
                limit=settings.receipt_attempts_per_window,
                window_seconds=settings.receipt_window_seconds,
            ),
            submit_limiter=RateLimiter(
                redis,
                settings.namespace,
                limit=settings.submit_limit_per_window,
                window_seconds=settings.submit_window_seconds,
            ),
        )
        sweeper = asyncio.create_task(_sweep_outbox_forever(app.state.services))
        try:
            yield
        finally:
            sweeper.cancel()
            await broadcaster.stop()
            await redis.aclose()
            await close_database()
            if embedded is not None:
                await asyncio.to_thread(embedded.stop)

    async def health(request: Request) -> JSONResponse:
        services: AppServices = request.app.state.services
        checks: dict[str, str] = {}
        try:
            await connections.get("default").execute_query("SELECT 1")
            checks["database"] = "ok"
        except Exception as error:
            checks["database"] = type(error).__name__
        try:
            await services.redis.ping()
            checks["redis"] = "ok"
        except Exception as error:
            checks["redis"] = type(error).__name__
        status = 200 if checks["database"] == "ok" else 503
        return JSONResponse({"status": "ok" if status == 200 else "degraded", **checks}, status)

    async def openid_configuration(request: Request) -> JSONResponse:
        return JSONResponse(dev_issuer.openid_configuration(f"{settings.public_url}/dev-issuer"))

    async def jwks(request: Request) -> JSONResponse:
        return JSONResponse(dev_issuer.public_key_set(settings.data_dir))

    async def console(request: Request) -> Response:
        return RedirectResponse("/graphql")

    routes: list[Route | WebSocketRoute | Mount] = [
        Route("/graphql", authed_graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql_app),
        Route("/health", health),
    ]
    if settings.graphiql_enabled:
        routes += [
            Route("/console", console),
            Mount("/console/assets", StaticFiles(directory=ASSETS_DIR), name="console-assets"),
        ]
    if settings.dev_issuer_enabled:
        routes += [
            Route("/dev-issuer/.well-known/openid-configuration", openid_configuration),
            Route("/dev-issuer/jwks.json", jwks),
        ]
    return Starlette(routes=routes, lifespan=lifespan)
