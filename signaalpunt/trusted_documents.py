"""Trusted documents (GraphQL-over-HTTP persisted documents): a client sends the id of a
contract operation (`"documentId": "sha256:<hex>"`) instead of its text.

With trusted documents on (the production default), a viewer without a free-form role may
only run the operations of its own client from `frontend_contract/persisted-documents.json`
(written by `signaalpunt export-schema`): anonymous reporters and residents the resident
web client's, municipalities theirs, partners theirs. Free-form documents are for the roles
the configuration names (staff by default). An unknown id, or a free-form document from a
role that may not send one, gets a well-formed GraphQL error and HTTP 400.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from auth.roles import Viewer
from frontend_contract import PERSISTED_PATH
from schema.policy import Audience, audiences_of

CLIENT_AUDIENCES: Mapping[str, frozenset[Audience]] = {
    "resident": frozenset({Audience.ANONYMOUS, Audience.RESIDENT, Audience.PROFESSIONAL}),
    "municipality": frozenset({Audience.MUNICIPALITY}),
    "partner": frozenset({Audience.PARTNER}),
    "staff": frozenset({Audience.STAFF}),
}


@cache
def catalogue() -> dict[str, dict[str, str]]:
    return json.loads(PERSISTED_PATH.read_text(encoding="utf-8"))


def _refusal(code: str, message: str) -> JSONResponse:
    return JSONResponse(
        {"errors": [{"message": message, "extensions": {"code": code}}]}, status_code=400
    )


class TrustedDocuments:
    def __init__(self, app: ASGIApp, *, enforced: bool, free_form: frozenset[Audience]) -> None:
        self.app = app
        self.enforced = enforced
        self.free_form = free_form

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in {"GET", "POST"}:
            await self.app(scope, receive, send)
            return
        viewer: Viewer | None = scope.get("state", {}).get("viewer")
        audiences = audiences_of(viewer)
        if scope["method"] == "GET":
            params = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            if not params:  # the console page itself
                await self.app(scope, receive, send)
                return
            rewritten = self._resolve(params, audiences)
            if isinstance(rewritten, JSONResponse):
                await rewritten(scope, receive, send)
                return
            scope = {**scope, "query_string": urlencode(rewritten).encode()}
            await self.app(scope, receive, send)
            return
        body = await _read(receive)
        try:
            data = json.loads(body) if body else None
        except ValueError:
            data = None
        if not isinstance(data, dict):  # not ours to judge: strawberry answers it
            await self.app(scope, _replay(body, receive), send)
            return
        rewritten = self._resolve(data, audiences)
        if isinstance(rewritten, JSONResponse):
            await rewritten(scope, receive, send)
            return
        if rewritten is not data:
            body = json.dumps(rewritten).encode()
            headers = [(k, v) for k, v in scope["headers"] if k != b"content-length"]
            scope = {**scope, "headers": [*headers, (b"content-length", str(len(body)).encode())]}
        await self.app(scope, _replay(body, receive), send)

    def _resolve(
        self, data: dict[str, Any], audiences: frozenset[Audience]
    ) -> dict[str, Any] | JSONResponse:
        document_id = data.get("documentId")
        if document_id is None:
            if self.enforced and not audiences & self.free_form and data.get("query"):
                return _refusal(
                    "FREE_FORM_NOT_ALLOWED",
                    "Stuur het kenmerk van een bekende vraag (documentId), geen eigen vraag.",
                )
            return data
        entry = catalogue().get(str(document_id))
        if entry is None:
            return _refusal(
                "PERSISTED_DOCUMENT_NOT_FOUND", "Deze vraag (documentId) kennen we niet."
            )
        if self.enforced and not (
            audiences & CLIENT_AUDIENCES[entry["client"]] or audiences & self.free_form
        ):
            return _refusal("PERSISTED_DOCUMENT_NOT_ALLOWED", "Deze vraag is niet voor u.")
        resolved = {k: v for k, v in data.items() if k != "documentId"}
        resolved["query"] = entry["document"]
        return resolved


async def _read(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay
