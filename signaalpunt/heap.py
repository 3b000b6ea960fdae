"""The garbage collector, set for a long-running process once its start-up is done.

What is loaded by then (the schema, the ORM's models, the masker's word lists, deduce's
lookup structures) lives as long as the process; frozen, no collection walks it again. The
work after it makes many short-lived containers (the GraphQL executor's and the ORM's per
request, the engine's features per batch), and with CPython's default first threshold of
700 a young collection ran every few requests. Measured, start-up frozen both times:
- one API process under `wrk` (identified submits, about 14 s of CPU): 1.4–1.6 s in
  collections with the default threshold, 0.3–0.5 s at 20,000;
- `bench.engine_scale` at 10k (one drain process, 50–70 s of CPU): 12.4–13.1 s in
  collections with the default, 6.6–7.1 s at 20,000, 3.1 s at 100,000 (17 MiB more at peak).
"""

from __future__ import annotations

import gc

# Objects allocated (less those freed) before a young collection; CPython's default is 700.
# Cycles among short-lived objects wait longer to be freed: a few MB, some MB for the worker.
API_YOUNG_THRESHOLD = 20_000
WORKER_YOUNG_THRESHOLD = 100_000


def settle(young_threshold: int) -> None:
    """Collect once, freeze what start-up left, and collect the young generation less often."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(young_threshold, middle, old)
