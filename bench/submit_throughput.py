"""submitReport throughput under load from `wrk`, against a bare Starlette+asyncpg endpoint
inserting the same row, in the same run on the same database.

    make bench            (or: python -m bench.submit_throughput --seconds 15 --connections 32)

First the generator's own ceiling (wrk against an endpoint that does nothing), then for
anonymous (argon2 receipt in both) and identified (bearer JWT) submissions the bare endpoint
and the API, alternately, `--rounds` times: req/s, p50/p99 and the ratio of each pair.

Uses DATABASE_URL / REDIS_URL when set, the embedded services otherwise. A fresh database is
created (or, embedded, a fresh data directory) so runs do not disturb each other.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import wrk_load  # noqa: E402
from bench.machine import machine, memory_mib  # noqa: E402
from frontend_contract import operation  # noqa: E402
from tests.support import base_env, free_port, wait_until  # noqa: E402

TEXT = (
    "Mijn moeder brengt elke week boodschappen. De gemeente ziet dat als inkomen en vordert "
    "bijstand terug. Mijn telefoonnummer is 06-12345678. Melding nummer {n}."
)


def _variables(n: int | str) -> dict[str, object]:
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
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if not wrk_load.available():
        raise SystemExit(wrk_load.INSTALL_HINT)

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
        SIGNAALPUNT_IDENTIFIED_SUBMIT_LIMIT="100000000",
        SIGNAALPUNT_ACCESS_LOG="0",  # as in production
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
        load = {"seconds": args.seconds, "connections": args.connections, "threads": args.threads}
        print(f"submitReport under wrk ({args.threads} threads, {args.connections} connections, "
              f"{args.seconds} s per run), PostgreSQL {'configured' if cleanup else 'embedded'}, "
              f"one uvicorn process each, on {machine()}\n")  # fmt: skip
        idle_rss, _ = memory_mib(api.pid)
        top = wrk_load.ceiling(f"http://127.0.0.1:{bare_port}/ping", **load)
        print(f"wrk's own ceiling (an endpoint that does nothing): {top.rate:,.0f} req/s\n")
        print(f"{'scenario':<50}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'failed':>8}")
        query = operation("SubmitReport")
        targets = (("bare Starlette+asyncpg", f"http://127.0.0.1:{bare_port}/graphql"),
                   ("submitReport (GraphQL)", f"http://127.0.0.1:{api_port}/graphql"))  # fmt: skip
        for label, tok, target in (
            ("anonymous (argon2 receipt)", None, 0.85),
            ("identified (bearer JWT)", token, 0.5),
        ):
            ratios = []
            for _ in range(args.rounds):
                rates = []
                for name, url in targets:  # alternately, so drift hits both alike
                    got = wrk_load.submit(url, query, _variables("__N__"), tok, **load)
                    rates.append(got.rate)
                    print(f"{label + ' / ' + name:<50}{got.rate:>9.0f}{got.p50_ms:>9.1f}"
                          f"{got.p99_ms:>9.1f}{got.failures:>8}")  # fmt: skip
                    if got.failures:
                        raise SystemExit(f"{got.failures} requests failed against {url}")
                ratios.append(rates[1] / rates[0] if rates[0] else 0.0)
            print(f"{label + ' / ratio API : bare (target >= ' + str(target) + ')':<50}"
                  f"{statistics.median(ratios):>9.2f}  (rounds: "
                  f"{', '.join(f'{r:.2f}' for r in ratios)})\n")  # fmt: skip
        rss, peak = memory_mib(api.pid)
        print(f"API memory: {idle_rss:.0f} MiB idle (target <= 150 MB), {rss:.0f} MiB after the "
              f"load, {peak:.0f} MiB at most under it")  # fmt: skip
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
