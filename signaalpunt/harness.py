"""The whole service in one process, for the API test tier and the benchmarks.

- `servers`: the PostgreSQL and Redis to run against: the configured ones (`DATABASE_URL`,
  `REDIS_URL`) or the embedded ones, started in a directory of the caller's.
- `scratch_database`: a fresh database on that server, dropped afterwards.
- `start_api_process` / `start_worker_process`: `signaalpunt api` and `signaalpunt worker` as
  real processes, their output in a log file each.
- `InProcess`: the Starlette app (its lifespan run as in production) reached through httpx's
  ASGI transport, and an arq worker with the production functions on the same event loop,
  in a thread of its own so synchronous callers can drive it. Nothing is a stand-in: it is
  the code `signaalpunt api` and `signaalpunt worker` run, without the sockets.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Coroutine, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlparse, urlunparse

import asyncpg
import httpx

from signaalpunt.database import credentials_from_url, run_migrations
from signaalpunt.settings import Settings, load_settings

log = logging.getLogger(__name__)

T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check: Callable[[], Any], timeout: float = 30.0, interval: float = 0.2) -> Any:
    """Poll `check` until it returns something truthy; fail with its last value."""
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s; last value: {last!r}")


@dataclass
class Process:
    name: str
    popen: subprocess.Popen[bytes]
    log_path: Path

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.popen.kill()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def check_alive(self) -> None:
        if self.popen.poll() is not None:
            raise AssertionError(f"{self.name} exited:\n{self.log()[-3000:]}")


def spawn(name: str, args: list[str], env: Mapping[str, str], log_dir: Path) -> Process:
    log_path = log_dir / f"{name}.log"
    handle = open(log_path, "ab")  # noqa: SIM115 - the child owns it for its lifetime
    popen = subprocess.Popen(
        [sys.executable, "-m", "signaalpunt", *args],
        env=dict(env),
        stdout=handle,
        stderr=subprocess.STDOUT,
    )
    return Process(name, popen, log_path)


def start_api_process(env: Mapping[str, str], log_dir: Path, name: str = "api") -> Process:
    """`signaalpunt api`, once its /health answers."""
    process = spawn(name, ["api"], env, log_dir)
    url = f"http://127.0.0.1:{env['SIGNAALPUNT_PORT']}/health"

    def healthy() -> bool:
        process.check_alive()
        try:
            return httpx.get(url, timeout=2).status_code in (200, 503)
        except httpx.HTTPError:
            return False

    wait_until(healthy, timeout=120)
    return process


def start_worker_process(env: Mapping[str, str], log_dir: Path, name: str = "worker") -> Process:
    """`signaalpunt worker`, once arq reports it started."""
    process = spawn(name, ["worker"], env, log_dir)

    def started() -> bool:
        process.check_alive()
        log = process.log()
        return "Starting worker" in log or "redis_version" in log

    wait_until(started, timeout=120)
    return process


def asyncpg_args(url: str) -> dict[str, Any]:
    c = credentials_from_url(url)
    return {"host": c["host"], "port": c["port"], "user": c["user"], "password": c["password"] or None,
            "database": c["database"]}  # fmt: skip


@dataclass(frozen=True)
class Servers:
    database_url: str
    redis_url: str


@contextmanager
def servers(directory: Path) -> Iterator[Servers]:
    database_url = os.environ.get("DATABASE_URL") or ""
    redis_url = os.environ.get("REDIS_URL") or ""
    embedded = None
    if not database_url or not redis_url:
        from signaalpunt.embedded import start_embedded

        embedded = start_embedded(directory, need_db=not database_url, need_redis=not redis_url)
        database_url = database_url or embedded.database_url
        redis_url = redis_url or embedded.redis_url
    try:
        yield Servers(database_url, redis_url)
    finally:
        if embedded is not None:
            embedded.stop()


@contextmanager
def scratch_database(server_url: str) -> Iterator[str]:
    """A new, empty database on the server of `server_url`; its URL. Dropped on exit."""
    name = f"sp_scratch_{uuid.uuid4().hex[:10]}"
    admin = asyncpg_args(server_url)

    async def run(statement: str) -> None:
        conn = await asyncpg.connect(**admin)
        try:
            await conn.execute(statement)
        finally:
            await conn.close()

    asyncio.run(run(f'CREATE DATABASE "{name}"'))
    try:
        yield urlunparse(urlparse(server_url)._replace(path=f"/{name}"))
    finally:
        asyncio.run(run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


class LoopThread:
    """An event loop running in a thread of its own."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float | None = 120) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)


def _said_if_it_failed(task: asyncio.Task[None]) -> None:
    """A worker task that ends with an error before `stop` says so: nobody awaits it until
    then, and a bench waiting for the queue to drain would otherwise only see nothing move."""
    if not task.cancelled() and (error := task.exception()) is not None:
        log.error("the in-process worker stopped: %r", error)


class InProcess:
    """The app and a worker in this process; `request` is an HTTP call to the app."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.loop = LoopThread()
        self._started = False

    async def _start(self) -> None:
        from arq.worker import Worker

        from signaalpunt.app import create_app
        from signaalpunt.worker import build_worker, worker_context

        app = create_app(self.settings)
        self._lifespan = app.router.lifespan_context(app)
        await self._lifespan.__aenter__()
        self.client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url=self.settings.public_url
        )
        redis_url = self.settings.redis_url or ""
        settings = self.settings

        async def on_startup(ctx: dict[str, Any]) -> None:  # the app opened the database
            ctx["app"] = worker_context(settings, redis_url)

        # Made on this loop: arq's worker keeps the loop it was created on.
        self.worker: Worker = build_worker(
            settings, settings.database_url or "", redis_url, on_startup=on_startup,
            on_shutdown=None, handle_signals=False, poll_delay=0.05,
        )  # fmt: skip
        self._worker_task = asyncio.create_task(self.worker.async_run())
        self._worker_task.add_done_callback(_said_if_it_failed)

    def start(self) -> InProcess:
        self.loop.run(self._start())
        self._started = True
        return self

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return self.loop.run(self.client.request(method, path, **kwargs))

    def stop(self) -> None:
        async def stop() -> None:
            self._worker_task.cancel()
            await asyncio.gather(self._worker_task, return_exceptions=True)
            await self.worker.close()
            await self.client.aclose()
            await self._lifespan.__aexit__(None, None, None)

        if self._started:
            self.loop.run(stop())
        self.loop.stop()


@contextmanager
def in_process(env: Mapping[str, str]) -> Iterator[InProcess]:
    """The service in this process with the settings of `env` (its database migrated)."""
    settings = load_settings(env)
    asyncio.run(run_migrations(settings.database_url or ""))
    service = InProcess(settings).start()
    try:
        yield service
    finally:
        service.stop()
