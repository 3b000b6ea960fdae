"""The Starlette application: GraphQL over HTTP and WebSocket, the console, the dev issuer.

Everything that needs starting (database, Redis clients, the theme broadcast subscription,
the outbox sweep) starts in `lifespan`, nowhere else.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute, request_response
from starlette.staticfiles import StaticFiles
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from tortoise import connections

from auth import dev_issuer
from console import ASSETS_DIR
from messaging.outbox import sweep
from privacy.masking import mask_personal_data
from resolvers.themes.resource import theme_resource
from schema.policy import Audience
from signaalpunt import dev_login
from signaalpunt.bearer_auth import BearerAuth
from signaalpunt.database import close_database, init_database, run_migrations
from signaalpunt.graphql_app import SignaalpuntGraphQL
from signaalpunt.graphql_schema import build_schema
from signaalpunt.heap import API_YOUNG_THRESHOLD, settle
from signaalpunt.request_limits import RequestLimits
from signaalpunt.services import AppServices
from signaalpunt.settings import Settings, get_settings
from signaalpunt.trusted_documents import TrustedDocuments
from web import account_pages
from web import pages as web_pages

log = logging.getLogger(__name__)


async def _sweep_outbox_forever(services: AppServices) -> None:
    """Until Redis is back, reports wait in the outbox; this puts them on the queue."""
    interval = services.settings.outbox_sweep_seconds
    while True:
        await asyncio.sleep(interval)
        try:
            await sweep(services.queue, grace_seconds=interval)
        except Exception:  # the sweep must outlive any single failure
            log.exception("outbox sweep failed")


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or get_settings()
    graphql_app = SignaalpuntGraphQL(
        build_schema(settings),
        graphql_ide="graphiql" if settings.graphiql_enabled else None,
        subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        allowed_origins=settings.allowed_origins,
        keep_alive=True,
        keep_alive_interval=15,
        production=settings.production,
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        embedded = None
        database_url, redis_url = settings.database_url, settings.redis_url
        if not database_url or not redis_url:
            from signaalpunt.embedded import start_embedded

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
        services = await AppServices.start(settings, redis_url)
        app.state.services = services
        sweeper = asyncio.create_task(_sweep_outbox_forever(services))
        # The masker loads its word lists and phone metadata on first use: now, so that they
        # are frozen with the rest of start-up instead of walked by every full collection.
        mask_personal_data("Bel 06-12345678 of mail naam@voorbeeld.nl, Kerkstraat 12, Utrecht.")
        settle(API_YOUNG_THRESHOLD)
        try:
            yield
        finally:
            sweeper.cancel()
            await services.stop()
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
        *web_pages.routes(),
        *account_pages.routes(),
        Route(
            "/graphql",
            # Web clients on other origins: only the configured ones (none by default).
            CORSMiddleware(
                RequestLimits(
                    BearerAuth(
                        TrustedDocuments(
                            graphql_app,
                            enforced=settings.trusted_documents,
                            free_form=frozenset(Audience(r) for r in settings.free_form_roles),
                        )
                    ),
                    max_bytes=settings.max_body_bytes,
                    max_depth=settings.max_json_depth,
                ),
                allow_origins=list(settings.allowed_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Authorization", "Content-Type", "Accept"],
                max_age=600,
            ),
            methods=["GET", "POST", "OPTIONS"],
        ),
        WebSocketRoute("/graphql", graphql_app),
        Route(
            "/api/themas/{theme_id}", BearerAuth(request_response(theme_resource)), methods=["GET"]
        ),
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
            *dev_login.routes(),
        ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.schema = graphql_app.schema  # the web pages run their operations in-process
    return app
