"""Time and memory of refusing each abusive request, on a real API process.

    python -m bench.abuse

Starts `signaalpunt api` (production settings: trusted documents, no console) against the
configured or embedded PostgreSQL and Redis, sends every request of `tests/api/abuse.py` as
staff (who may send free-form documents, so the refusal is the abuse rule's, not the
trusted-document gate's), and prints per request: the answer, the time to it, and the API
process's resident memory before and after, and its peak (VmHWM) growth. Target: each one
refused within 100 ms and 20 MB.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

from auth.dev_issuer import issue_token
from auth.roles import Role
from bench.machine import memory_mib
from signaalpunt.harness import free_port, scratch_database, servers, start_api_process
from tests.api.abuse import abuses, first_code


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="sp-abuse-") as tmp:
        directory = Path(tmp)
        with servers(directory / "servers") as found, scratch_database(found.database_url) as db:
            port = free_port()
            env = {
                **os.environ,
                "DATABASE_URL": db,
                "REDIS_URL": found.redis_url,
                "SIGNAALPUNT_DATA_DIR": str(directory / "data"),
                "SIGNAALPUNT_PORT": str(port),
                "SIGNAALPUNT_PUBLIC_URL": f"http://127.0.0.1:{port}",
                "SIGNAALPUNT_NAMESPACE": f"abuse-{uuid.uuid4().hex[:6]}",
                "SIGNAALPUNT_PRODUCTION": "true",
                "SIGNAALPUNT_DEV_ISSUER": "true",
            }
            subprocess.run([sys.executable, "-m", "signaalpunt", "migrate"], env=env, check=True,
                           capture_output=True)  # fmt: skip
            (directory / "logs").mkdir()
            api = start_api_process(env, directory / "logs")
            token = issue_token(
                directory / "data",
                issuer=f"http://127.0.0.1:{port}/dev-issuer",
                audience="signaalpunt",
                role=Role.STAFF,
                subject="bench",
            )
            headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
            url = f"http://127.0.0.1:{port}/graphql"
            try:
                with httpx.Client(timeout=60) as client:
                    client.post(
                        url, content=b'{"query": "{ viewer { subject } }"}', headers=headers
                    )
                    print(f"API process {api.popen.pid}; {os.cpu_count()} cores\n")
                    print(
                        "| abusive request | answer | code | ms (median of 5) | RSS MiB before → after | peak growth MiB |"
                    )
                    print("|---|---:|---|---:|---|---:|")
                    for abuse in abuses():
                        times = []
                        rss_before, hwm_before = memory_mib(api.popen.pid)
                        response = client.post(url, content=abuse.body, headers=headers)
                        for _ in range(5):
                            started = time.perf_counter()
                            response = client.post(url, content=abuse.body, headers=headers)
                            times.append((time.perf_counter() - started) * 1000)
                        rss_after, hwm_after = memory_mib(api.popen.pid)
                        print(f"| {abuse.name} ({len(abuse.body):,} bytes) | {response.status_code} "
                              f"| {first_code(response.text) or response.text[:30]!s} "
                              f"| {statistics.median(times):.1f} "
                              f"| {rss_before:.0f} → {rss_after:.0f} "
                              f"| {hwm_after - hwm_before:.1f} |")  # fmt: skip
            finally:
                api.stop()


if __name__ == "__main__":
    main()
