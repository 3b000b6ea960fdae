"""Scale of the processing job: per-report time at corpus sizes 10k, 100k and 1M, throughput
of one worker process, and peak memory.

    make bench-engine   (or: python -m bench.engine_scale --sizes 10000,100000,1000000)

The corpus is synthetic and generated inside PostgreSQL (reports plus their 32 LSH band keys
each; indexes rebuilt after the load, tables vacuumed, the band-key index prewarmed where
pg_prewarm exists); the 24 themes of the evaluation set are stored with their centroids, so
new cases are assigned as in production. A warm-up burst of real-shaped reports is processed
first: the background of real reports every later burst meets as candidates. Then, at each
size, bursts of new Dutch reports (sentences of one theme's reports told in other words with
fresh numbers, a fifth of them resubmissions of earlier ones) are stored as submissions store
them, one `process_waiting` job is enqueued as a submission asks for it, and a real arq worker
runs the production drain until nothing waits; each measured burst is then aged out of the
duplicate window. Throughput is reports per second of that one worker process. If candidate
lookup scanned the corpus, the time per report would grow a hundredfold from 10k to 1M;
through the band-key index it grows only with the depth and size of that index.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import resource
import tempfile
import time
from pathlib import Path

from arq import create_pool, func
from arq.worker import Worker
from tortoise import connections
from tortoise.exceptions import BaseORMException
from tortoise.transactions import in_transaction

from bench.eval.build_eval_set import resubmission, sentences
from bench.machine import machine
from domain.engine.features import mean_row, to_sparse_dict
from domain.engine.normalise import normalise
from domain.engine.topics import theme_vectors
from messaging.redis_client import arq_settings
from models import Theme
from privacy.masking import mask
from signaalpunt.database import close_database, init_database, run_migrations
from signaalpunt.harness import scratch_database, servers
from signaalpunt.heap import WORKER_YOUNG_THRESHOLD, settle
from signaalpunt.settings import load_settings
from signaalpunt.worker import worker_context
from vocabulary import ThemeStatus
from workers.context import context_of
from workers.processing.jobs import drain

ROOT = Path(__file__).resolve().parent.parent
EVAL_SET = ROOT / "bench" / "eval" / "eval_set_nl.jsonl"
CONCURRENCY = 10
RESUBMISSION_SHARE = 0.2
WORD_DROP = 0.2
WORD_SWAP = 0.1

_GROW = """
INSERT INTO report (id, created_at, updated_at, text, masked_text, language, reporter_role,
    channel, municipality_code, domains, problem_types, urgency_flags, anonymous, on_behalf,
    consent_contact, consent_share_municipality, consent_include_in_referral, status,
    processed_at, group_locked, theme_locked)
SELECT gen_random_uuid(), now() - (g % 300) * interval '1 day', now(),
       'synthetische melding ' || g, 'synthetische melding ' || g, 'nl', 'RESIDENT', 'WEB',
       'GM' || lpad((g % 400)::text, 4, '0'), '[]', '[]', '[]', true, false, false, false,
       false, 'RECEIVED', now(), false, false
FROM generate_series($1::int, $2::int) g
"""
_GROW_BANDS = """
INSERT INTO report_band (report_id, band_key, created_at)
SELECT r.id, (floor((random() - 0.5) * 1.8e19))::bigint, r.created_at
FROM report r, generate_series(1, 32)
WHERE r.masked_text LIKE 'synthetische melding %'
  AND split_part(r.masked_text, ' ', 3)::int BETWEEN $1 AND $2
"""
_AGE_OUT = """
UPDATE report_band SET created_at = created_at - interval '5 years'
WHERE report_id = ANY($1::uuid[])
"""
_INDEX_SIZE = """
SELECT (sum(pg_relation_size(indexrelid)) / 1048576)::int AS index_mb,
       current_setting('shared_buffers') AS shared_buffers
FROM pg_index WHERE indrelid = 'report_band'::regclass AND NOT indisprimary
"""
_BAND_INDEXES = """
SELECT i.indexname AS name, i.indexdef AS definition, c.conname IS NOT NULL AS is_constraint,
       pg_get_constraintdef(c.oid) AS constraint_definition
FROM pg_indexes i
LEFT JOIN pg_constraint c ON c.conname = i.indexname AND c.conrelid = 'report_band'::regclass
WHERE i.tablename = 'report_band' AND i.indexname <> 'report_band_pkey'
"""


def _eval_rows() -> list[dict]:
    return [json.loads(line) for line in EVAL_SET.read_text(encoding="utf-8").splitlines() if line]


def _texts(count: int, seed: int) -> list[str]:
    """New reports shaped like real ones, with a share of resubmissions among them.

    Each new case recombines sentences of reports of one theme of the evaluation set and gets
    fresh numbers (ages, amounts, months), so it is a new case of a known mechanism: the work
    of band-key lookup, verification and theme assignment is the real work. A fifth of the
    burst are resubmissions of earlier cases, made by the evaluation set's own edits.
    """
    rng = random.Random(seed)
    by_theme: dict[str, list[str]] = {}
    for row in _eval_rows():
        if row["variant"] in ("original", "retelling"):
            by_theme.setdefault(row["theme"], []).extend(sentences(row["text"]))
    themes = sorted(by_theme)
    out: list[str] = []
    for _ in range(count):
        if out and rng.random() < RESUBMISSION_SHARE:
            out.append(mask(resubmission(rng.choice(out), rng)[0]))
            continue
        pool = by_theme[rng.choice(themes)]
        parts = rng.sample(pool, k=min(len(pool), rng.randint(3, 6)))
        # Another person tells it in other words: drop and swap words, so two new cases
        # share a theme's vocabulary but not whole sentences.
        words = [w for w in " ".join(parts).split() if rng.random() > WORD_DROP]
        for n in range(len(words) - 1):
            if rng.random() < WORD_SWAP:
                words[n], words[n + 1] = words[n + 1], words[n]
        text = re.sub(r"\b\d+\b", lambda _: str(rng.randint(2, 2000)), " ".join(words))
        out.append(mask(text))
    return out


async def _seed_themes() -> int:
    """The themes of the evaluation set, as confirmed themes with their centroids."""
    by_theme: dict[str, list[str]] = {}
    for row in _eval_rows():
        by_theme.setdefault(row["theme"], []).append(normalise(mask(row["text"])))
    for key, texts in sorted(by_theme.items()):
        centroid = to_sparse_dict(mean_row(theme_vectors(texts)))
        await Theme.create(label=key, status=ThemeStatus.CONFIRMED, centroid=centroid,
                           case_count=len(texts), report_count=len(texts))  # fmt: skip
    return len(by_theme)


async def _grow(conn, current: int, target: int) -> None:
    """Add synthetic reports as a bulk load would: report_band's indexes are dropped during
    the load and built again after it, then both tables are vacuumed and analysed, so each
    size is measured on a database in the state production reaches (logged, indexed,
    visibility map set)."""
    started = time.perf_counter()
    indexes = await conn.execute_query_dict(_BAND_INDEXES)
    for index in indexes:
        if index["is_constraint"]:
            await conn.execute_script(f'ALTER TABLE report_band DROP CONSTRAINT "{index["name"]}"')
        else:
            await conn.execute_script(f'DROP INDEX "{index["name"]}"')
    async with in_transaction() as load:
        # Foreign-key checks are triggers; the synthetic rows reference rows of this load.
        await load.execute_script("SET LOCAL session_replication_role = replica")
        await load.execute_query(_GROW, [current + 1, target])
        await load.execute_query(_GROW_BANDS, [current + 1, target])
    async with in_transaction() as build:
        await build.execute_script("SET LOCAL maintenance_work_mem = '1GB'")
        for index in indexes:
            if index["is_constraint"]:
                await build.execute_script(
                    f'ALTER TABLE report_band ADD CONSTRAINT "{index["name"]}" '
                    f"{index['constraint_definition']}"
                )
            else:
                await build.execute_script(index["definition"])
    await conn.execute_script("VACUUM ANALYZE report")
    await conn.execute_script("VACUUM ANALYZE report_band")
    warm = await _prewarm(conn)
    sizes = await conn.execute_query_dict(_INDEX_SIZE)
    print(f"  corpus grown to {target:,} reports ({target * 32:,} band keys) "
          f"in {time.perf_counter() - started:.0f}s; band-key index "
          f"{sizes[0]['index_mb']:,} MB, shared_buffers {sizes[0]['shared_buffers']}"
          f"{', index prewarmed' if warm else ''}", flush=True)  # fmt: skip


async def _prewarm(conn) -> bool:
    """Load the band-key index into shared buffers, as a server that has been running for a
    while holds it; False where the server lacks the pg_prewarm extension."""
    try:
        await conn.execute_script("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
        await conn.execute_query_dict(
            "SELECT pg_prewarm(indexrelid) FROM pg_index "
            "WHERE indrelid = 'report_band'::regclass AND NOT indisprimary"
        )
    except BaseORMException:  # an optional extension: without it the index starts cold
        return False
    return True


_INSERT_BURST = """
INSERT INTO report (id, created_at, updated_at, text, masked_text, language, reporter_role,
    channel, municipality_code, domains, problem_types, urgency_flags, anonymous, on_behalf,
    consent_contact, consent_share_municipality, consent_include_in_referral, status,
    group_locked, theme_locked)
SELECT gen_random_uuid(), clock_timestamp(), now(), t, t, 'nl', 'RESIDENT', 'WEB', 'GM0363',
       '[]', '[]', '[]', true, false, false, false, false, 'RECEIVED', false, false
FROM unnest($1::text[]) t
RETURNING id::text AS id
"""


async def _drain_burst(ctx: dict) -> str:
    """The production drain, without the time slice (the burst is measured to its end)."""
    processed, _ = await drain(context_of(ctx), time_slice=3600)
    return f"processed {processed} report(s)"


async def _measure(
    redis_url: str, texts: list[str], ctx: dict, *, age_out: bool = True
) -> tuple[float, float, int]:
    """(ms per report, reports/s, batches) for one burst through a real arq worker.

    `ctx` is the worker context kept from burst to burst, as one long-running worker keeps
    its theme index and recent evidence. Afterwards the burst's band keys are aged out of the
    duplicate window (`age_out`): otherwise every burst would meet all earlier bursts as
    candidates, and the figure would grow with the number of bursts run, not with the corpus.
    """
    conn = connections.get("default")
    rows = await conn.execute_query_dict(_INSERT_BURST, [texts])
    # A queue of its own: the debounced follow-ups the drain enqueues (theme refresh,
    # discovery) go to the normal queue and are not part of this figure.
    queue = f"{os.environ['SIGNAALPUNT_NAMESPACE']}:bench-processing"
    pool = await create_pool(arq_settings(redis_url))
    await pool.enqueue_job("process_waiting", _job_id=f"bench-drain:{rows[0]['id']}",
                           _queue_name=queue)  # fmt: skip
    worker = Worker(
        functions=[func(_drain_burst, name="process_waiting")],
        queue_name=queue,
        redis_pool=pool,
        burst=True,
        max_jobs=CONCURRENCY,
        poll_delay=0.05,
        handle_signals=False,
        keep_result=0,
        log_results=False,
        ctx=ctx,
    )
    started = time.perf_counter()
    await worker.async_run()
    elapsed = time.perf_counter() - started
    batches = await conn.execute_query_dict(
        "SELECT count(DISTINCT processed_at) AS n FROM report WHERE id = ANY($1::uuid[])",
        [[row["id"] for row in rows]],
    )
    waiting = await conn.execute_query_dict(
        "SELECT count(*) AS n FROM report WHERE id = ANY($1::uuid[]) AND processed_at IS NULL",
        [[row["id"] for row in rows]],
    )
    assert waiting[0]["n"] == 0, f"{waiting[0]['n']} reports left unprocessed"
    if age_out:
        await conn.execute_query(_AGE_OUT, [[row["id"] for row in rows]])
    await worker.close()
    return elapsed * 1000 / len(texts), len(texts) / elapsed, batches[0]["n"]


async def run(
    database_url: str, redis_url: str, sizes: list[int], batch: int, warmup: int, repeat: int
) -> None:
    await run_migrations(database_url)
    await init_database(database_url, pool_max=CONCURRENCY + 2)
    conn = connections.get("default")
    themes = await _seed_themes()
    print(f"processing job scale on {machine()}: bursts of {batch} new reports "
          f"drained by one arq worker process, {themes} live themes\n")  # fmt: skip
    print(f"{'corpus':>12}{'ms/report':>11}{'(range)':>13}{'reports/s':>11}{'batches':>9}")
    # The warm-up burst stays: it is the real reports every measured burst meets as
    # candidates. Measured bursts are aged out after measuring, so each one meets the
    # same candidate density and only the corpus size differs.
    ctx: dict = {"app": worker_context(load_settings(os.environ), redis_url)}
    settle(WORKER_YOUNG_THRESHOLD)  # as the worker does after start-up
    await _measure(redis_url, _texts(warmup, seed=0), ctx, age_out=False)
    print(f"  (warm-up burst of {warmup} reports processed)")
    current = 0
    rows = []
    for size in sizes:
        await _grow(conn, current, size)
        current = size
        # A few bursts per size, the median reported: one burst lasts seconds, and a
        # checkpoint or autovacuum in that window would otherwise decide the figure.
        runs = sorted(
            [await _measure(redis_url, _texts(batch, seed=size * 10 + n), ctx)
             for n in range(repeat)]
        )  # fmt: skip
        per_report, rate, batches = runs[len(runs) // 2]
        spread = f"{runs[0][0]:.2f}–{runs[-1][0]:.2f}"
        rows.append((size, per_report, rate))
        print(f"{size:>12,}{per_report:>11.2f}{spread:>13}{rate:>11.0f}{batches:>9}",
              flush=True)  # fmt: skip
    first, last = rows[0], rows[-1]
    print(f"\nms/report at {last[0]:,} / at {first[0]:,}: {last[1] / first[1]:.2f} (flat ≈ 1)")
    print(f"throughput at {last[0]:,}: {last[2]:.0f} reports/s (target >= 500)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this worker process: {peak:.0f} MiB")
    await close_database()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--batch", type=int, default=2000, help="reports per measured burst")
    parser.add_argument("--warmup", type=int, default=12000, help="reports in the warm-up burst")
    parser.add_argument("--repeat", type=int, default=3, help="measured bursts per size")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    workdir = Path(tempfile.mkdtemp(prefix="sp-scale-"))
    os.environ["SIGNAALPUNT_NAMESPACE"] = f"sp-scale-{os.getpid()}"
    os.environ["SIGNAALPUNT_DATA_DIR"] = str(workdir / "data")
    # The scratch database is made and dropped outside the bench's event loop.
    with servers(workdir / "servers") as found, scratch_database(found.database_url) as db:
        asyncio.run(run(db, found.redis_url, sizes, args.batch, args.warmup, args.repeat))


if __name__ == "__main__":
    main()
