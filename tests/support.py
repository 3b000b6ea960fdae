"""Test harness: real PostgreSQL and Redis, the API and the worker as real processes.

Nothing here stands in for a component: the app runs under uvicorn, jobs run in an arq
worker process, and tests talk GraphQL over HTTP and WebSocket.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx

from signaalpunt.harness import (
    Process,
    free_port,
    spawn,
    start_api_process,
    start_worker_process,
    wait_until,
)

ROOT = Path(__file__).resolve().parent.parent


def start_api(env: dict[str, str], log_dir: Path, name: str = "api") -> tuple[Process, Api]:
    process = start_api_process(env, log_dir, name)
    return process, Api(f"http://127.0.0.1:{env['SIGNAALPUNT_PORT']}")


def start_worker(env: dict[str, str], log_dir: Path, name: str = "worker") -> Process:
    return start_worker_process(env, log_dir, name)


__all__ = ["Process", "free_port", "spawn", "wait_until"]


class GraphQLError(AssertionError):
    pass


@dataclass
class Api:
    base_url: str

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return httpx.request(method, f"{self.base_url}{path}", timeout=30, **kwargs)

    def post(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        token: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        h = dict(headers or {})
        if token:
            h["Authorization"] = f"Bearer {token}"
        return self.request(
            "POST", "/graphql", json={"query": query, "variables": variables or {}}, headers=h
        )

    def gql(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        """Run an operation and return `data`; any GraphQL error fails the test."""
        response = self.post(query, variables, token)
        body = response.json()
        if response.status_code != 200 or body.get("errors"):
            raise GraphQLError(f"{response.status_code}: {json.dumps(body, ensure_ascii=False)}")
        return body["data"]

    def errors(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> list[dict[str, Any]]:
        body = self.post(query, variables, token).json()
        return body.get("errors") or []


@dataclass
class ReceivedRequest:
    path: str
    headers: dict[str, str]
    body: bytes


def serve_in_thread(handler: type[BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    """An HTTP server on a free loopback port, answering from a daemon thread."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@dataclass
class PartnerReceiver:
    """An HTTP endpoint standing where the Nationale ombudsman or the VNG receives dossiers."""

    fail_first: int = 0
    requests: list[ReceivedRequest] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> PartnerReceiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                receiver.requests.append(
                    ReceivedRequest(
                        self.path, {k.lower(): v for k, v in self.headers.items()}, body
                    )
                )
                if len(receiver.requests) <= receiver.fail_first:
                    self.send_response(503)
                    self.end_headers()
                    self.wfile.write(b"tijdelijk niet beschikbaar")
                    return
                payload = json.dumps({"reference": f"REF-{len(receiver.requests)}"}).encode()
                self.send_response(202)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = serve_in_thread(Handler)
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()


def redis_server_binary() -> str:
    sys.path.insert(0, str(ROOT))
    from signaalpunt.embedded import redis_server_binary as find

    return find()


@dataclass
class PrivateRedis:
    """A Redis server this test owns, so it can stop and start it."""

    directory: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [redis_server_binary(), "--port", str(self.port), "--bind", "127.0.0.1",
             "--dir", str(self.directory), "--save", "", "--appendonly", "yes"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        import redis

        def up() -> bool:
            try:
                return bool(redis.Redis(port=self.port).ping())
            except redis.RedisError:
                return False

        wait_until(up, timeout=20)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def base_env(**overrides: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SIGNAALPUNT_", "PARTNER_", "OIDC_"))
    }
    env.update(overrides)
    return env


@dataclass
class WebhookReceiver:
    """A municipality's webhook endpoint: answers 401 without the expected Authorization
    (unless `checks_auth` is off), fails the first `fail_each` attempts of every message
    (counted per webhook-id) with 503, or every one while `down`; keeps every request it
    got, the callback check's included."""

    auth: str = "Bearer gemeente-geheim"
    checks_auth: bool = True
    fail_each: int = 0
    down: bool = False
    attempts_seen: dict[str, int] = field(default_factory=dict)
    requests: list[ReceivedRequest] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}/notificaties"

    def notifications(self) -> list[dict[str, Any]]:
        """The messages that were accepted, test messages left out."""
        found = []
        for request in list(self.requests):
            if request.headers.get("x-answered") != "204":
                continue
            body = json.loads(request.body)
            message = body.get("data", body)
            if message.get("kanaal") != "test":
                found.append(body)
        return found

    def start(self) -> WebhookReceiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                headers = {k.lower(): v for k, v in self.headers.items()}
                status = self._status(headers, body)
                headers["x-answered"] = str(status)
                receiver.requests.append(ReceivedRequest(self.path, headers, body))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def _status(self, headers: dict[str, str], body: bytes) -> int:
                if receiver.checks_auth and headers.get("authorization") != receiver.auth:
                    return 401
                if json.loads(body).get("kanaal") == "test":
                    return 204
                if receiver.down:
                    return 503
                message_id = headers.get("webhook-id", "")
                seen = receiver.attempts_seen.get(message_id, 0) + 1
                receiver.attempts_seen[message_id] = seen
                if seen <= receiver.fail_each:
                    return 503
                return 204

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = serve_in_thread(Handler)
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
