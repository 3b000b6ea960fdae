"""The same evaluation set through the deployed shape: `signaalpunt api` under uvicorn and a
separate `signaalpunt worker`, reports submitted over HTTP, results read back through the
staff API. Its figures must agree with `bench.engine_quality` (the same code in one process)
within noise; the README and the issue notes print both.

    python -m bench.engine_through_api [--set real|own] [--split test|dev]
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

import httpx

from auth.dev_issuer import issue_token
from auth.roles import Role
from bench.engine_eval import Outcome, person_names, report, score_engine
from bench.engine_quality import service_env
from bench.engine_run import run_scheduled, submit_all, wait_until_settled
from bench.eval.sets import EvalReport, load
from signaalpunt.harness import (
    free_port,
    scratch_database,
    servers,
    start_api_process,
    start_worker_process,
)

REPORTS_PAGE = """
query($first: Int, $after: String) {
  reports(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id maskedText duplicateGroupId theme { id label } }
  }
}
"""


def _staff_reports(base_url: str, token: str) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    after = None
    while True:
        body = httpx.post(
            f"{base_url}/graphql",
            json={"query": REPORTS_PAGE, "variables": {"first": 100, "after": after}},
            headers={"Authorization": f"Bearer {token}"},
            timeout=60,
        ).json()
        page = body["data"]["reports"]
        for node in page["nodes"]:
            found[node["id"]] = node
        if not page["pageInfo"]["hasNextPage"]:
            return found
        after = page["pageInfo"]["endCursor"]


def run_through_api(name: str, reports: list[EvalReport], directory: Path) -> dict[str, object]:
    with servers(directory / "servers") as found, scratch_database(found.database_url) as db:
        port = free_port()
        env = {
            **service_env(db, found.redis_url, directory / "data"),
            "SIGNAALPUNT_PORT": str(port),
            "SIGNAALPUNT_PUBLIC_URL": f"http://127.0.0.1:{port}",
        }
        env = {**os.environ, **env}
        logs = directory / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "signaalpunt", "migrate"], env=env, check=True,
                       capture_output=True)  # fmt: skip
        api = start_api_process(env, logs)
        worker = start_worker_process(env, logs)
        base = f"http://127.0.0.1:{port}"
        queue = f"{env['SIGNAALPUNT_NAMESPACE']}:queue"
        try:

            def post(query: str, variables: dict[str, object]) -> httpx.Response:
                return httpx.post(
                    f"{base}/graphql", json={"query": query, "variables": variables}, timeout=60
                )

            references = submit_all(post, reports)
            wait_until_settled(db, found.redis_url, queue)
            run_scheduled(found.redis_url, queue, "discover_themes")
            run_scheduled(found.redis_url, queue, "recluster_themes")
            wait_until_settled(db, found.redis_url, queue)
            staff = issue_token(
                directory / "data",
                issuer=f"{base}/dev-issuer",
                audience="signaalpunt",
                role=Role.STAFF,
                subject=f"bench-{uuid.uuid4().hex[:6]}",
            )
            nodes = _staff_reports(base, staff)
        finally:
            worker.stop()
            api.stop()
    kept = [(r, ref) for r, ref in zip(reports, references, strict=True) if ref in nodes]
    labels = {n["theme"]["id"]: n["theme"]["label"] for n in nodes.values() if n["theme"]}
    outcome = Outcome(
        reports=[r for r, _ in kept],
        groups=[nodes[ref]["duplicateGroupId"] or ref for _, ref in kept],
        themes=[(nodes[ref]["theme"] or {}).get("id") for _, ref in kept],
        labels=labels,
        masked=[nodes[ref]["maskedText"] for _, ref in kept],
    )
    return report(name, outcome, score_engine("engine through the API", outcome), person_names())


def main() -> None:
    logging.basicConfig(level=logging.WARNING, force=True)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--set", choices=["real", "own"], default="real")
    parser.add_argument("--split", choices=["test", "dev", "all"], default="test")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sp-bench-api-") as tmp:
        run_through_api(f"{args.set} set through the API", load(args.set, args.split), Path(tmp))


if __name__ == "__main__":
    main()
