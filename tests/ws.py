"""A small graphql-transport-ws client over a real WebSocket (websockets' sync client)."""

from __future__ import annotations

import json
import uuid
from typing import Any

from websockets.sync.client import ClientConnection, connect


class Subscription:
    def __init__(self, base_url: str, token: str | None) -> None:
        url = base_url.replace("http://", "ws://") + "/graphql"
        self._connection = connect(url, subprotocols=["graphql-transport-ws"])  # type: ignore[list-item]
        self.ws: ClientConnection = self._connection.__enter__()
        payload = {"Authorization": f"Bearer {token}"} if token else {}
        self.ws.send(json.dumps({"type": "connection_init", "payload": payload}))
        self.ack = json.loads(self.ws.recv(timeout=10))
        self.id = uuid.uuid4().hex

    def subscribe(self, query: str, variables: dict[str, Any] | None = None) -> None:
        self.ws.send(
            json.dumps(
                {
                    "id": self.id,
                    "type": "subscribe",
                    "payload": {"query": query, "variables": variables or {}},
                }
            )
        )

    def next_message(self, timeout: float = 30) -> dict[str, Any]:
        while True:
            message = json.loads(self.ws.recv(timeout=timeout))
            if message["type"] in {"ping", "pong"}:
                continue
            return message

    def close(self) -> None:
        self._connection.__exit__(None, None, None)

    def __enter__(self) -> Subscription:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
