"""Fan-out of theme changes: 1,000 `themeUpdates` subscribers over two API processes.

    make bench-fanout        (python -m bench.theme_fanout --subscribers 1000 --changes 30)

The production path: two `signaalpunt api` processes on one PostgreSQL and Redis (the
configured ones, or the embedded default); the subscribers are municipality accounts that
follow their municipality with the contract's `ThemeUpdates` subscription over
graphql-transport-ws, half on each process, held by two client processes (asyncio +
websockets), which note the arrival of each update on the machine's clock. Theme changes are
staff `renameTheme` mutations, one every `--interval` seconds. Latency runs from the moment
the mutation was sent (so it holds the commit) to the arrival at each subscriber. An
update that never arrives is counted.

Baseline in the same run: the same payload broadcast to the same number of WebSockets by two
bare `websockets` servers (no GraphQL, no Redis, no database) to the same client processes:
the floor of a fan-out on this machine, and a check that the clients are not the bottleneck.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import httpx
from websockets.asyncio.client import connect
from websockets.asyncio.server import broadcast, serve

from auth.dev_issuer import issue_token
from auth.roles import Role
from bench.machine import machine
from bench.metrics import percentile
from bench.webhook_delivery import CODES, seed_theme
from frontend_contract import operation
from signaalpunt.harness import free_port, scratch_database, servers, start_api_process

TARGET_P99_S = 0.5
PROCESSES = 2


# ---- the subscribers (two client processes) -----------------------------------------------


def _subscribers(urls: list[tuple[str, str]], conn: Connection) -> None:
    asyncio.run(_hold(urls, conn))


async def _hold(urls: list[tuple[str, str]], conn: Connection) -> None:
    """Open one subscription per (url, token), then note (label, arrival) of every update."""
    arrivals: list[tuple[str, float]] = []
    document = operation("ThemeUpdates")

    async def follow(url: str, token: str, ready: asyncio.Event) -> None:
        async with connect(url, subprotocols=["graphql-transport-ws"], max_queue=None,  # type: ignore[list-item]
                           open_timeout=60, ping_interval=None) as ws:  # fmt: skip
            payload = {"Authorization": f"Bearer {token}"} if token else {}
            await ws.send(json.dumps({"type": "connection_init", "payload": payload}))
            await ws.recv()
            await ws.send(json.dumps({"id": "1", "type": "subscribe",
                                      "payload": {"query": document, "variables": {}}}))  # fmt: skip
            ready.set()
            async for raw in ws:
                at = time.time()
                message = json.loads(raw)
                if message.get("type") == "next":
                    arrivals.append((message["payload"]["data"]["themeUpdates"]["label"], at))
                elif message.get("type") == "bare":
                    arrivals.append((message["label"], at))

    readies = []
    tasks = []
    for url, token in urls:
        ready = asyncio.Event()
        readies.append(ready)
        tasks.append(asyncio.create_task(follow(url, token, ready)))
        await asyncio.sleep(0.002)
    await asyncio.wait_for(asyncio.gather(*(r.wait() for r in readies)), 120)
    conn.send("ready")
    loop = asyncio.get_running_loop()
    while True:
        command = await loop.run_in_executor(None, conn.recv)
        if command == "dump":
            conn.send(arrivals[:])
            arrivals.clear()
        elif command == "stop":
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            conn.send("stopped")
            return


def _start_clients(targets: list[tuple[str, str]]) -> list[tuple[mp.Process, Connection]]:
    clients = []
    for n in range(PROCESSES):
        mine, theirs = mp.Pipe()
        process = mp.Process(target=_subscribers, args=(targets[n::PROCESSES], theirs), daemon=True)
        process.start()
        clients.append((process, mine))
    for _, conn in clients:
        if not conn.poll(180):
            raise SystemExit("the subscribers did not connect within 180 s")
        assert conn.recv() == "ready"
    return clients


def _collect(clients: list[tuple[mp.Process, Connection]], expected: int, timeout: float) -> list[tuple[str, float]]:  # fmt: skip
    got: list[tuple[str, float]] = []
    deadline = time.monotonic() + timeout
    while len(got) < expected and time.monotonic() < deadline:
        time.sleep(0.5)
        for _, conn in clients:
            conn.send("dump")
            got += conn.recv()
    return got


def _stop_clients(clients: list[tuple[mp.Process, Connection]]) -> None:
    for process, conn in clients:
        conn.send("stop")
        conn.poll(30)
        process.join(10)
        if process.is_alive():
            process.kill()


def _latencies(arrivals: list[tuple[str, float]], sent: dict[str, float]) -> list[float]:
    return [at - sent[label] for label, at in arrivals if label in sent]


def _summary(name: str, latencies: list[float], expected: int) -> str:
    if not latencies:
        return f"{name}: nothing arrived"
    return (f"{name}: {len(latencies):,} of {expected:,} updates arrived; "
            f"p50 {statistics.median(latencies) * 1000:.0f} ms, "
            f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms, "
            f"max {max(latencies) * 1000:.0f} ms")  # fmt: skip


# ---- the baseline: bare websockets servers --------------------------------------------------


def _bare_server(port: int, conn: Connection) -> None:
    async def main() -> None:
        clients: set[Any] = set()

        async def handler(ws: Any) -> None:
            await ws.recv()  # connection_init
            await ws.send(json.dumps({"type": "connection_ack"}))
            await ws.recv()  # subscribe
            clients.add(ws)
            try:
                await ws.wait_closed()
            finally:
                clients.discard(ws)

        async with serve(handler, "127.0.0.1", port, ping_interval=None):
            conn.send("listening")
            loop = asyncio.get_running_loop()
            while True:
                command = await loop.run_in_executor(None, conn.recv)
                if command is None:
                    return
                broadcast(clients, json.dumps({"type": "bare", "label": command,
                                               "payload": {"data": {"themeUpdates": {}}}}))  # fmt: skip

    asyncio.run(main())


def _baseline(subscribers: int, changes: int, interval: float) -> list[float]:
    servers_, ports = [], [free_port() for _ in range(PROCESSES)]
    for port in ports:
        mine, theirs = mp.Pipe()
        process = mp.Process(target=_bare_server, args=(port, theirs), daemon=True)
        process.start()
        assert mine.recv() == "listening"
        servers_.append((process, mine))
    targets = [(f"ws://127.0.0.1:{ports[n % PROCESSES]}/", "") for n in range(subscribers)]
    clients = _start_clients(targets)
    sent: dict[str, float] = {}
    arrivals: list[tuple[str, float]] = []
    try:
        for n in range(changes):
            label = f"kaal {n}"
            sent[label] = time.time()
            for _, conn in servers_:
                conn.send(label)
            time.sleep(interval)
            arrivals += _collect(clients, 0, 0)
        arrivals += _collect(clients, subscribers * changes - len(arrivals), 30)
    finally:
        _stop_clients(clients)
        for process, conn in servers_:
            conn.send(None)
            process.join(10)
    return _latencies(arrivals, sent)


# ---- the production run ---------------------------------------------------------------------


def run(database_url: str, redis_url: str, tmp: Path, args: argparse.Namespace) -> bool:
    ports = [free_port() for _ in range(PROCESSES)]
    namespace = f"sp-bench-fanout-{uuid.uuid4().hex[:6]}"
    base = {
        **os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url,
        "SIGNAALPUNT_DATA_DIR": str(tmp / "data"), "SIGNAALPUNT_ACCESS_LOG": "0",
        "SIGNAALPUNT_NAMESPACE": namespace, "SIGNAALPUNT_DEIDENTIFIER": "rules",
        "SIGNAALPUNT_PUBLIC_URL": f"http://127.0.0.1:{ports[0]}",
    }  # fmt: skip
    subprocess.run([sys.executable, "-m", "signaalpunt", "migrate"], env=base, check=True,
                   capture_output=True)  # fmt: skip
    theme_id = asyncio.run(seed_theme(database_url))
    logs = tmp / "logs"
    logs.mkdir()
    apis = [start_api_process({**base, "SIGNAALPUNT_PORT": str(port)}, logs, name=f"api-{n}")
            for n, port in enumerate(ports)]  # fmt: skip
    issuer = f"http://127.0.0.1:{ports[0]}/dev-issuer"
    try:
        targets = []
        for n in range(args.subscribers):
            token = issue_token(tmp / "data", issuer=issuer, audience="signaalpunt",
                                role=Role.MUNICIPALITY, subject=f"gemeente-{n}",
                                municipality=CODES[n % len(CODES)])  # fmt: skip
            targets.append((f"ws://127.0.0.1:{ports[n % PROCESSES]}/graphql", token))
        started = time.perf_counter()
        clients = _start_clients(targets)
        print(f"{args.subscribers:,} subscriptions open on {PROCESSES} API processes in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        staff = issue_token(tmp / "data", issuer=issuer, audience="signaalpunt",
                            role=Role.STAFF, subject="bench-staf")  # fmt: skip
        client = httpx.Client(base_url=f"http://127.0.0.1:{ports[0]}", timeout=60,
                              headers={"Authorization": f"Bearer {staff}"})  # fmt: skip
        sent: dict[str, float] = {}
        arrivals: list[tuple[str, float]] = []
        time.sleep(1)
        try:
            for n in range(args.changes):
                label = f"Eigen bijdrage Wlz {n}"
                sent[label] = time.time()
                body = client.post("/graphql", json={"query": operation("RenameTheme"), "variables": {
                    "input": {"themeId": theme_id, "label": label}}}).json()  # fmt: skip
                assert body["data"]["renameTheme"]["__typename"] == "ThemeRenamed", body
                time.sleep(args.interval)
                arrivals += _collect(clients, 0, 0)
            expected = args.subscribers * args.changes
            arrivals += _collect(clients, expected - len(arrivals), 30)
        finally:
            _stop_clients(clients)
    finally:
        for api in apis:
            api.stop()
    latencies = _latencies(arrivals, sent)
    print(_summary("from the mutation sent", latencies, expected))
    bare = _baseline(args.subscribers, args.changes, args.interval)
    print(_summary("baseline, bare websockets broadcast", bare, expected))
    met = len(latencies) == expected and percentile(latencies, 0.99) <= TARGET_P99_S
    print(f"target: every update arrives, p99 <= {TARGET_P99_S} s: {'met' if met else 'NOT met'}")
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--changes", type=int, default=30)
    parser.add_argument("--interval", type=float, default=1.0)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="sp-fanout-"))
    os.environ["SIGNAALPUNT_DATA_DIR"] = str(tmp / "data")
    print(machine())
    with servers(tmp / "servers") as found, scratch_database(found.database_url) as db:
        run(db, found.redis_url, tmp, args)


if __name__ == "__main__":
    main()
