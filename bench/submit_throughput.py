"""submitReport throughput under concurrent load, against a bare Starlette+asyncpg endpoint
inserting the same row, in the same run on the same database.

    make bench            (or: python -m bench.submit_throughput --requests 2000 --concurrency 32)

Uses DATABASE_URL / REDIS_URL when set, the embedded services otherwise. A fresh database is
created (or, embedded, a fresh data directory) so runs do not disturb each other.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from frontend_contract import operation  # noqa: E402
from tests.support import base_env, free_port, wait_until  # noqa: E402

TEXT = (
    "Mijn moeder brengt elke week boodschappen. De gemeente ziet dat als inkomen en vordert "
    "bijstand terug. Mijn telefoonnummer is 06-12345678. Melding nummer {n}."
)


def _variables(n: int) -> dict[str, object]:
    return {
        "input": {
            "text": TEXT.format(n=n),
            "reporterRole": "RESIDENT",
            "channel": "WEB",
            "municipality": "GM0363",
            "domains": ["PARTICIPATIEWET"],
            "problemTypes": ["TERUGVORDERING"],
        }
    }


async def _load(
    url: str, total: int, concurrency: int, token: str | None
) -> tuple[float, list[float]]:
    query = operation("SubmitReport")
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    latencies: list[float] = []
    counter = iter(range(total))
    failures = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:

        async def worker() -> None:
            nonlocal failures
            for n in counter:
                started = time.perf_counter()
                response = await client.post(
                    url, json={"query": query, "variables": _variables(n)}, headers=headers
                )
                latencies.append(time.perf_counter() - started)
                body = response.json()
                if (
                    response.status_code != 200
                    or "errors" in body
                    or not body["data"]["submitReport"].get("reference")
                ):
                    failures += 1

        # warm-up (connections, caches, JWKS) outside the timed window
        for n in range(min(20, total)):
            await client.post(
                url, json={"query": query, "variables": _variables(-n)}, headers=headers
            )
        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    if failures:
        raise SystemExit(f"{failures} requests failed against {url}")
    return total / elapsed, latencies


def _serve(args: list[str], env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    log_file = open(log, "ab")  # noqa: SIM115 - the server process owns it until it exits
    process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT)

    def up() -> bool:
        if process.poll() is not None:
            raise SystemExit(f"server exited; see {log}")
        try:
            return httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code < 600
        except httpx.HTTPError:
            return False

    wait_until(up, timeout=60)
    return process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=1500)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="sp-bench-"))
    cleanup = None
    embedded = None
    if os.environ.get("DATABASE_URL"):
        from tests.stack import fresh_database

        database_url, cleanup = fresh_database(os.environ["DATABASE_URL"])
    else:
        from signaalpunt.embedded import start_embedded

        embedded = start_embedded(workdir / "embedded")
        database_url = embedded.database_url
    redis_url = os.environ.get("REDIS_URL") or (embedded.redis_url if embedded else "")
    if not redis_url:
        from signaalpunt.embedded import start_redis

        redis_url, _ = start_redis(workdir / "embedded")
    api_port, bare_port = free_port(), free_port()
    env = base_env(
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        SIGNAALPUNT_DATA_DIR=str(workdir / "data"),
        SIGNAALPUNT_PORT=str(api_port),
        SIGNAALPUNT_PUBLIC_URL=f"http://127.0.0.1:{api_port}",
        SIGNAALPUNT_NAMESPACE=f"sp-bench-{uuid.uuid4().hex[:6]}",
        SIGNAALPUNT_SUBMIT_LIMIT="100000000",
    )
    subprocess.run(
        [sys.executable, "-m", "signaalpunt", "migrate"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    api = _serve(
        [sys.executable, "-m", "signaalpunt", "api"],
        {**env, "UVICORN_LOG_LEVEL": "warning"},
        api_port,
        workdir / "api.log",
    )
    bare = _serve(
        [sys.executable, "-m", "uvicorn", "bench.bare_endpoint:create_app", "--factory", "--port", str(bare_port),
         "--log-level", "warning"],
        env, bare_port, workdir / "bare.log",
    )  # fmt: skip
    try:
        from auth.dev_issuer import issue_token
        from auth.roles import Role

        token = issue_token(workdir / "data", issuer=f"http://127.0.0.1:{api_port}/dev-issuer",
                            audience="signaalpunt", role=Role.PROFESSIONAL)  # fmt: skip
        print(f"submitReport throughput: {args.requests} requests, concurrency {args.concurrency}, "
              f"PostgreSQL {'configured' if cleanup else 'embedded'}, one uvicorn process each\n")  # fmt: skip
        print(f"{'scenario':<44}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}")
        for label, tok in (
            ("anonymous (argon2 receipt)", None),
            ("identified (bearer JWT)", token),
        ):
            results = {}
            for name, url in (("bare Starlette+asyncpg", f"http://127.0.0.1:{bare_port}/graphql"),
                              ("submitReport (GraphQL)", f"http://127.0.0.1:{api_port}/graphql")):  # fmt: skip
                rate, lat = asyncio.run(_load(url, args.requests, args.concurrency, tok))
                lat.sort()
                results[name] = rate
                print(f"{label + ' / ' + name:<44}{rate:>9.0f}{statistics.median(lat) * 1000:>9.1f}"
                      f"{lat[int(len(lat) * 0.95)] * 1000:>9.1f}")  # fmt: skip
            ratio = results["submitReport (GraphQL)"] / results["bare Starlette+asyncpg"]
            print(f"{label + ' / ratio (target >= 0.5)':<44}{ratio:>9.2f}\n")
    finally:
        for process in (api, bare):
            process.terminate()
            process.wait(timeout=15)
        if cleanup:
            cleanup()
        if embedded is not None:
            embedded.stop()


if __name__ == "__main__":
    main()
