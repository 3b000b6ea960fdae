"""The per-request context: who is asking, the app's shared services, request-scoped loaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.websockets import WebSocket
from strawberry.types import Info as _Info

from auth.roles import Role, Viewer

if TYPE_CHECKING:
    from resolvers.dataloaders import Loaders
    from signaalpunt.services import AppServices


@dataclass
class Context:
    request: Request | WebSocket
    response: Any
    services: AppServices
    loaders: Loaders
    viewer: Viewer | None = None
    connection_params: dict[str, Any] | None = field(default=None)
    # Receipt lookups this request made: one per request, however many aliases ask.
    receipt_lookups: int = 0
    # The language the request asked for (Accept-Language, or the web client's switch) when
    # we speak it; None: a report's own language, else Dutch.
    language: str | None = None

    @property
    def is_staff(self) -> bool:
        return self.viewer is not None and self.viewer.has(Role.STAFF)

    @property
    def client_address(self) -> str | None:
        """The client's address, for rate limiting only (it is hashed, never stored).

        Behind a trusted reverse proxy the first `X-Forwarded-For` entry is the client.
        """
        client = self.request.client
        peer = client.host if client else None
        forwarded = self.request.headers.get("x-forwarded-for")
        if forwarded and peer in self.services.settings.trusted_proxies:
            return forwarded.split(",")[0].strip()
        return peer


Info = _Info[Context, None]
