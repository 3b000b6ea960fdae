"""Deduplication and theme quality of the engine as deployed, beside baselines in the same run.

    make bench-engine     (or: python -m bench.engine_quality [--set NAME|both|all] [--split test|dev])

NAME is a set of `bench.eval.sets.NAMES` (`--help` lists them); `both` is `real` and `own`.

The service runs in this process (`signaalpunt.harness`: the app's lifespan, the production
worker functions on an arq worker, real PostgreSQL and Redis): every report of the set is
submitted through `submitReport`, masked, stored, drained and grouped by the worker's own
jobs on their own cadence; once nothing waits the scheduled discovery and re-clustering run as their cron would.
The figures are therefore the deployed figures; `bench.engine_through_api` runs the same set
against separate API and worker processes over HTTP to show it.

Sets (`bench/eval/sets.py`): `real` (written apart from the engine; `test` split reported,
`dev` split the only one to tune on) and `own` (the earlier set).
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
import uuid
from pathlib import Path

from bench.engine_eval import person_names, report, score_engine, write_outcome
from bench.engine_run import (
    dump,
    read_outcome,
    run_scheduled,
    submit_all,
    wait_until_settled,
)
from bench.eval.sets import NAMES, EvalReport, load
from bench.machine import machine
from signaalpunt.harness import in_process, scratch_database, servers


def service_env(database_url: str, redis_url: str, data_dir: Path) -> dict[str, str]:
    """Production defaults; only the addresses, a namespace of its own, and a submit limit
    that lets one bench client send a whole set."""
    return {
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SIGNAALPUNT_DATA_DIR": str(data_dir),
        "SIGNAALPUNT_NAMESPACE": f"bench-{uuid.uuid4().hex[:8]}",
        "SIGNAALPUNT_PUBLIC_URL": "http://signaalpunt.bench",
        "SIGNAALPUNT_SUBMIT_LIMIT": "1000000",
    }


def run_in_process(
    name: str, reports: list[EvalReport], directory: Path, outcome_file: Path | None = None
) -> dict[str, object]:
    with servers(directory / "servers") as found, scratch_database(found.database_url) as db:
        env = service_env(db, found.redis_url, directory / "data")
        queue = f"{env['SIGNAALPUNT_NAMESPACE']}:queue"
        with in_process(env) as service:

            def post(query: str, variables: dict[str, object]):
                return service.request(
                    "POST", "/graphql", json={"query": query, "variables": variables}
                )

            started = time.perf_counter()
            references = submit_all(post, reports)
            submitted = time.perf_counter() - started
            settled = wait_until_settled(db, found.redis_url, queue)
            # What the cron does next: discovery, then the whole re-clustering.
            run_scheduled(found.redis_url, queue, "discover_themes")
            run_scheduled(found.redis_url, queue, "recluster_themes")
            wait_until_settled(db, found.redis_url, queue)
            outcome = read_outcome(db, reports, references)
    refused = sum(1 for ref in references if ref is None)
    print(f"\n{name}: {len(reports)} submitted in {submitted:.1f}s ({refused} refused), "
          f"settled {settled:.1f}s after the last")  # fmt: skip
    figures = report(name, outcome, score_engine("engine (k not given)", outcome), person_names())
    if outcome_file is not None:
        write_outcome(outcome_file, outcome)
    return {**figures, "refused": refused}


def main() -> None:
    logging.basicConfig(level=logging.WARNING, force=True)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--set",
        choices=[*NAMES, "both", "all"],
        default="all",
    )
    parser.add_argument("--split", choices=["test", "dev", "all"], default="test")
    parser.add_argument("--out", help="write the figures as JSON to this file")
    parser.add_argument(
        "--outcomes", type=Path, help="write each report's group, theme and label here, per set"
    )
    args = parser.parse_args()
    names = {
        "both": ["real", "own"],
        "all": list(NAMES),
    }.get(args.set, [args.set])
    figures = {}
    print(f"engine quality on {machine()}")  # with the figures, as the scale bench does
    with tempfile.TemporaryDirectory(prefix="sp-bench-") as tmp:
        for name in names:
            label = f"{name} set" + (f" ({args.split} split)" if name == "real" else "")
            where = args.outcomes / f"{name}.jsonl" if args.outcomes else None
            figures[name] = run_in_process(label, load(name, args.split), Path(tmp) / name, where)
    if args.out:
        dump(args.out, figures)


if __name__ == "__main__":
    main()
