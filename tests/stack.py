"""The real stacks the service-backed tiers run against.

- `Servers` (`signaalpunt.harness`): one PostgreSQL and one Redis per test session: the
  configured ones (`DATABASE_URL`, `REDIS_URL`) or the embedded ones.
- `start_process_stack`: the flow tier's stack: a fresh database and Redis namespace, the API
  under uvicorn and an arq worker, both started with the project's own CLI, two partner
  receivers. One per test module, so flows never share state.
- `start_in_process_stack`: the API tier's stack: the app in this process, reached through
  httpx's ASGI transport, and an arq worker on the same event loop (`signaalpunt.harness`).
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
import httpx

from auth.dev_issuer import issue_token
from auth.roles import Role
from signaalpunt.harness import InProcess, Servers, asyncpg_args, in_process, scratch_database
from tests.support import (
    ROOT,
    Api,
    PartnerReceiver,
    PrivateRedis,
    Process,
    base_env,
    free_port,
    start_api,
    start_worker,
)

PARTNER_SECRETS = {"NATIONALE_OMBUDSMAN": "no-secret-for-tests", "VNG": "vng-secret-for-tests"}
T = TypeVar("T")


def sql_on(database_url: str, query: str, *args: object) -> list[dict[str, Any]]:
    """Direct reads for assertions about storage; a write only to move a clock forward that a
    test cannot wait for (a due date in the past)."""

    async def run() -> list[dict[str, Any]]:
        conn = await asyncpg.connect(**asyncpg_args(database_url))
        try:
            return [dict(r) for r in await conn.fetch(query, *args)]
        finally:
            await conn.close()

    return asyncio.run(run())


def fresh_database(server_url: str) -> tuple[str, Callable[[], None]]:
    """A scratch database and the function that drops it (for fixtures that outlive a with)."""
    manager = scratch_database(server_url)
    url = manager.__enter__()

    def drop() -> None:
        manager.__exit__(None, None, None)

    return url, drop


def migrate(env: dict[str, str]) -> None:
    """Apply the migrations with the project's own command."""
    subprocess.run([sys.executable, "-m", "signaalpunt", "migrate"], cwd=ROOT, env=env, check=True,
                   capture_output=True)  # fmt: skip


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
        # deduce costs 20 s and 1 GB per worker start: only tests/flows/test_privacy.py uses it.
        SIGNAALPUNT_DEIDENTIFIER="rules",
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


@contextmanager
def api_with_own_services(
    stack: Stack, redis_dir: Path, name: str
) -> Iterator[tuple[Api, PrivateRedis, dict[str, str]]]:
    """An API process beside the stack with a Redis the test owns *and* a database of its own
    (the main stack's outbox sweep reads every outbox row of its database, so a shared one
    would let it process the test's reports). Tokens still come from the stack's issuer."""
    database_url, drop = fresh_database(stack.database_url)
    redis = PrivateRedis(redis_dir)
    redis.start()
    port = free_port()
    env = {
        **stack.env,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis.url,
        "SIGNAALPUNT_PORT": str(port),
        "SIGNAALPUNT_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "SIGNAALPUNT_NAMESPACE": f"{stack.namespace}-{name}",
        "OIDC_ISSUER": stack.issuer,
    }
    migrate(env)
    process, api = start_api(env, stack.log_dir, name=f"api-{name}")
    try:
        yield api, redis, env
    finally:
        process.stop()
        redis.stop()
        drop()


class InProcessApi(Api):
    """The same calls as `Api`, answered by the app in this process (no server, no port)."""

    def __init__(self, service: InProcess) -> None:
        super().__init__(service.settings.public_url)
        self._service = service

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return self._service.request(method, path, **kwargs)


@contextmanager
def start_in_process_stack(found: Servers, root: Path) -> Iterator[Stack]:
    data_dir, log_dir = root / "data", root / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    vng = PartnerReceiver(fail_first=1).start()
    ombudsman = PartnerReceiver().start()
    try:
        with scratch_database(found.database_url) as database_url:
            env = stack_env(database_url, found.redis_url, data_dir, 80, vng, ombudsman,
                            SIGNAALPUNT_PUBLIC_URL="http://signaalpunt.test",
                            SIGNAALPUNT_ALLOWED_ORIGINS="https://elders.example")  # fmt: skip
            with in_process(env) as service:
                yield Stack(InProcessApi(service), env, data_dir, log_dir, database_url,
                            found.redis_url, service.settings.namespace, vng, ombudsman)  # fmt: skip
    finally:
        vng.stop()
        ombudsman.stop()
