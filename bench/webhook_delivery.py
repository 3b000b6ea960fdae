"""Municipal webhooks under load: 1,000 abonnementen on 50 receivers.

    python -m bench.webhook_delivery        (make bench-webhooks)

The production path throughout: `signaalpunt api` and one `signaalpunt worker` process
against PostgreSQL and Redis (the configured ones, or the embedded default); the
abonnementen are made through `createAbonnement` (each passes the callback check); theme
changes are staff `renameTheme` mutations. 50 receivers listen on 50 ports in a process of
their own (plain asyncio HTTP/1.1, keep-alive), note when each message arrives and answer
204. Latency is measured from the notification's commit (its `created_at`, written right
after the change committed) to its arrival at the receiver, on one clock.

Phases:
1. steady: one change every 5 s (each change is 1,000 deliveries): p50/p99;
2. burst: 20 changes at once (20,000 deliveries): the delivery rate of one worker process;
3. slow receivers: 5 of the 50 answer only after 5 s, one change every 5 s; p50/p99 of the
   other 45, which
   must not be held up.
Baseline in the same run: the same 20,000 messages POSTed by a bare asyncio + httpx loop
with the worker's concurrency (no database, no signing, no bookkeeping): the ceiling of one
sending process against these receivers; it also shows that the receivers are not the
bottleneck.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import os
import subprocess
import sys
import tempfile
import time
import uuid
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from auth.dev_issuer import issue_token
from auth.roles import Role
from bench.machine import machine, memory_mib
from bench.metrics import percentile
from frontend_contract import operation
from messaging.notificaties.policy import DeliveryPolicy
from signaalpunt.harness import (
    asyncpg_args,
    free_port,
    scratch_database,
    servers,
    start_api_process,
    start_worker_process,
)

RECEIVERS = 50
ABONNEMENTEN = 1000
BURST = 20
WORKER_PID = Path(tempfile.gettempdir()) / "sp-bench-webhooks-worker.pid"
CODES = [f"GM{n:04d}" for n in (363, 518, 344, 599, 14, 193, 202, 307, 150, 153)]
AUTH = "Bearer bench-ontvanger"
SLOW_SECONDS = 5.0
CONCURRENCY = DeliveryPolicy().concurrency  # the worker's default
INTERVAL = 5.0  # seconds between changes in phases 1 and 3


# ---- the receivers (own process) ----------------------------------------------------------


def _receivers(ports: list[int], conn: Connection) -> None:
    asyncio.run(_serve(ports, conn))


async def _serve(ports: list[int], conn: Connection) -> None:
    arrivals: list[tuple[str, int, float]] = []
    slow: set[int] = set()
    stop = asyncio.Event()

    def handler(port: int) -> Any:
        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            try:
                while True:
                    head = await reader.readuntil(b"\r\n\r\n")
                    lines = head.decode("latin-1").split("\r\n")
                    headers = {
                        k.lower(): v.strip()
                        for k, _, v in (line.partition(":") for line in lines[1:] if line)
                    }
                    body = await reader.readexactly(int(headers.get("content-length", "0")))
                    at = time.time()
                    status = "204 No Content"
                    if headers.get("authorization") != AUTH:
                        status = "401 Unauthorized"
                    elif b'"kanaal":"test"' not in body:
                        arrivals.append((headers.get("webhook-id", ""), port, at))
                        if port in slow:
                            await asyncio.sleep(SLOW_SECONDS)
                    writer.write(f"HTTP/1.1 {status}\r\nContent-Length: 0\r\n\r\n".encode())
                    await writer.drain()
            except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
                pass
            finally:
                writer.close()

        return handle

    started = [await asyncio.start_server(handler(p), "127.0.0.1", p, backlog=1024) for p in ports]
    loop = asyncio.get_running_loop()

    def command() -> None:
        kind, value = conn.recv()
        if kind == "slow":
            slow.clear()
            slow.update(value)
        elif kind == "dump":
            conn.send(list(arrivals))
            arrivals.clear()
        elif kind == "stop":
            stop.set()

    loop.add_reader(conn.fileno(), command)
    conn.send(("ready", None))
    await stop.wait()
    for server in started:
        server.close()


# ---- measuring ----------------------------------------------------------------------------


async def _commit_times(database_url: str) -> dict[str, float]:
    conn = await asyncpg.connect(**asyncpg_args(database_url))
    try:
        rows = await conn.fetch(
            "SELECT d.id::text AS id, extract(epoch FROM n.created_at) AS at "
            "FROM notification_delivery d JOIN notificatie n ON n.id = d.notificatie_id"
        )
    finally:
        await conn.close()
    return {r["id"]: float(r["at"]) for r in rows}


async def seed_theme(database_url: str) -> str:
    """The theme the changes are about, touching the ten municipalities (seeded: how a
    theme comes about is not what this bench measures)."""
    from models import Theme
    from signaalpunt.database import close_database, init_database
    from vocabulary import ThemeStatus

    await init_database(database_url, pool_max=2)
    try:
        theme = await Theme.create(
            label="Eigen bijdrage Wlz", status=ThemeStatus.CONFIRMED, municipality_codes=CODES,
            municipality_case_counts=dict.fromkeys(CODES, 6), domains=["WLZ"], case_count=60,
            report_count=60, reporter_count=60, resident_reporter_count=60,
        )  # fmt: skip
        return str(theme.id)
    finally:
        await close_database()


async def _bare_baseline(ports: list[int], bodies: list[tuple[str, int]]) -> float:
    """Messages per second from a bare asyncio + httpx loop at the worker's concurrency, with
    a client per receiver as the worker has (one shared pool is slower: httpcore scans it)."""
    limit = asyncio.Semaphore(CONCURRENCY)
    clients = {p: httpx.AsyncClient(limits=httpx.Limits(max_connections=8)) for p in ports}
    try:

        async def send(message_id: str, port: int) -> None:
            async with limit:
                await clients[port].post(
                    f"http://127.0.0.1:{port}/hook", content=b'{"kanaal":"themas"}',
                    headers={"Authorization": AUTH, "webhook-id": message_id,
                             "Content-Type": "application/json"},
                )  # fmt: skip

        started = time.perf_counter()
        await asyncio.gather(*(send(i, p) for i, p in bodies))
        return len(bodies) / (time.perf_counter() - started)
    finally:
        for client in clients.values():
            await client.aclose()


def main() -> None:
    global ABONNEMENTEN, RECEIVERS, BURST
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--abonnementen", type=int, default=ABONNEMENTEN)
    parser.add_argument("--receivers", type=int, default=RECEIVERS)
    parser.add_argument("--burst", type=int, default=BURST, help="changes fired at once in phase 2")
    args = parser.parse_args()
    ABONNEMENTEN, RECEIVERS, BURST = args.abonnementen, args.receivers, args.burst
    print(f"machine: {machine()}")
    print(f"worker pid file: {WORKER_PID}")
    ports: list[int] = []
    while len(ports) < RECEIVERS:  # free_port() may hand out a port twice
        if (port := free_port()) not in ports:
            ports.append(port)
    parent, child = mp.Pipe()
    receiver = mp.get_context("spawn").Process(target=_receivers, args=(ports, child), daemon=True)
    receiver.start()
    assert parent.recv()[0] == "ready"
    with tempfile.TemporaryDirectory(prefix="sp-webhooks-") as tmp:
        _with_services(Path(tmp), ports, parent)
    parent.send(("stop", None))
    receiver.join(timeout=5)


def _with_services(tmp: Path, ports: list[int], receivers: Connection) -> None:
    with servers(tmp / "embedded") as found, scratch_database(found.database_url) as url:
        _run(tmp, url, found.redis_url, ports, receivers)


def _run(
    tmp: Path, database_url: str, redis_url: str, ports: list[int], receivers: Connection
) -> None:
    port = free_port()
    public_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url,
        "SIGNAALPUNT_DATA_DIR": str(tmp / "data"), "SIGNAALPUNT_PORT": str(port),
        "SIGNAALPUNT_PUBLIC_URL": public_url, "SIGNAALPUNT_ACCESS_LOG": "0",
        "SIGNAALPUNT_NAMESPACE": f"sp-bench-{uuid.uuid4().hex[:6]}",
        "SIGNAALPUNT_DEIDENTIFIER": "rules",
    }  # fmt: skip
    logs = tmp / "logs"
    logs.mkdir()
    subprocess.run([sys.executable, "-m", "signaalpunt", "migrate"], env=env, check=True,
                   capture_output=True)  # fmt: skip
    theme_id = asyncio.run(seed_theme(database_url))
    api = start_api_process(env, logs)
    worker = start_worker_process(env, logs)
    WORKER_PID.write_text(str(worker.popen.pid))  # for a profiler
    try:
        staff = issue_token(tmp / "data", issuer=f"{public_url}/dev-issuer", audience="signaalpunt",
                            role=Role.STAFF, subject="bench-staff")  # fmt: skip
        client = httpx.Client(base_url=public_url, timeout=60,
                              headers={"Authorization": f"Bearer {staff}"})  # fmt: skip

        def gql(name: str, variables: dict[str, Any]) -> dict[str, Any]:
            body = client.post(
                "/graphql", json={"query": operation(name), "variables": variables}
            ).json()
            assert not body.get("errors"), body
            return body["data"]

        started = time.perf_counter()
        for n in range(ABONNEMENTEN):
            made = gql("CreateAbonnement", {"input": {
                "callbackUrl": f"http://127.0.0.1:{ports[n % RECEIVERS]}/hook/{n}", "auth": AUTH,
                "gemeentecode": CODES[n % len(CODES)], "kanalen": [{"naam": "themas", "filters": []}],
            }})["createAbonnement"]  # fmt: skip
            assert made["__typename"] == "AbonnementCreated", made
        print(f"{ABONNEMENTEN} abonnementen made through createAbonnement (callback check each) "
              f"in {time.perf_counter() - started:.1f} s")  # fmt: skip

        rounds = 0

        def change() -> None:
            nonlocal rounds
            rounds += 1
            gql(
                "RenameTheme",
                {"input": {"themeId": theme_id, "label": f"Eigen bijdrage Wlz {rounds}"}},
            )

        def collect(expected: int, timeout: float) -> list[tuple[str, int, float]]:
            got: list[tuple[str, int, float]] = []
            deadline = time.monotonic() + timeout
            while len({i for i, _, _ in got} - seen) < expected and time.monotonic() < deadline:
                time.sleep(0.5)
                receivers.send(("dump", None))
                got += receivers.recv()
            return got

        seen: set[str] = set()
        repeats = 0

        def report(name: str, arrivals: list[tuple[str, int, float]], commits: dict[str, float],
                   only: set[int] | None = None) -> list[float]:  # fmt: skip
            """Latency of first arrivals; a repeat (at-least-once) is counted, not timed."""
            nonlocal repeats
            latencies, again = [], 0
            for i, p, at in arrivals:
                if i not in commits or (only is not None and p not in only):
                    continue
                if i in seen:
                    again += 1
                    continue
                seen.add(i)
                latencies.append(at - commits[i])
            repeats += again
            print(f"  {name}: {len(latencies)} deliveries, commit→delivery p50 {percentile(latencies, 0.5) * 1000:.0f} ms, "
                  f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms; "
                  f"{again} repeated deliveries")  # fmt: skip
            return latencies

        # 1. light load
        for _ in range(5):
            change()
            time.sleep(INTERVAL)
        light = collect(5 * ABONNEMENTEN, 60)
        commits = asyncio.run(_commit_times(database_url))
        print(
            f"phase 1, one change ({ABONNEMENTEN:,} deliveries) every {INTERVAL:.0f} s, 5 changes:"
        )
        report("all receivers", light, commits)

        # 2. burst
        burst_changes = BURST
        t0 = time.time()
        for _ in range(burst_changes):
            change()
        fired = time.time() - t0
        burst = collect(burst_changes * ABONNEMENTEN, 300)
        commits = asyncio.run(_commit_times(database_url))
        first_commit = min(commits[i] for i, _, _ in burst if i in commits)
        last = max(at for _, _, at in burst)
        rate = len(burst) / (last - first_commit)
        print(f"phase 2, {burst_changes} changes at once ({burst_changes * ABONNEMENTEN} deliveries; "
              f"the mutations took {fired:.1f} s, fan-out included):")  # fmt: skip
        report("all receivers", burst, commits)
        print(f"  delivery rate, one worker process: {rate:.0f} messages/s "
              f"(first commit to last arrival)")  # fmt: skip

        # 3. slow receivers
        slow = set(ports[:5])
        receivers.send(("slow", sorted(slow)))
        for _ in range(5):
            change()
            time.sleep(INTERVAL)
        slowed = collect(5 * ABONNEMENTEN, 120)
        receivers.send(("slow", []))
        commits = asyncio.run(_commit_times(database_url))
        print(
            f"phase 3, 5 of 50 receivers answer after {SLOW_SECONDS:.0f} s, one change every {INTERVAL:.0f} s:"
        )
        report("the 45 healthy receivers", slowed, commits, set(ports) - slow)
        report("the 5 slow receivers", slowed, commits, slow)

        # baseline
        bodies = [(f"bare-{n}", ports[n % RECEIVERS]) for n in range(burst_changes * ABONNEMENTEN)]
        bare = asyncio.run(_bare_baseline(ports, bodies))
        receivers.send(("dump", None))
        receivers.recv()
        print(f"baseline, bare asyncio+httpx sender, concurrency {CONCURRENCY}, same receivers: "
              f"{bare:.0f} messages/s (also the receivers' floor: they kept up with this)")  # fmt: skip
        print(f"ratio worker / bare sender: {rate / bare:.2f}")
        rss, _ = memory_mib(worker.popen.pid)
        print(f"worker RSS after the run: {rss:.0f} MiB")
        client.close()
        log = (logs / "worker.log").read_text(errors="replace")
        problems = [line for line in log.splitlines() if "Error" in line or "Traceback" in line]
        print(
            f"worker log: {len(problems)} error line(s)"
            + (f"; first: {problems[0][:300]}" if problems else "")
        )
    finally:
        worker.stop()
        api.stop()


if __name__ == "__main__":
    main()
