"""The garbage collector, set for a long-running API process.

What is loaded by the end of startup (the schema, the ORM's models, the masker's word lists
and phone metadata: well over 100,000 objects) lives as long as the process; frozen, no
collection walks it again. A request then makes thousands of short-lived containers (the
GraphQL executor's, the ORM's), and with CPython's default first threshold of 700 a young
collection ran every few requests and a full one every couple of seconds. Measured in one
API process under `wrk` (identified submits, 14 s of CPU): 1.4–1.6 s in collections with
the defaults, 0.3–0.5 s frozen with this threshold.
"""

from __future__ import annotations

import gc

from privacy.masking import mask_personal_data

# Objects allocated (less those freed) before a young collection; CPython's default is 700.
# Cycles among a request's objects wait a little longer to be freed: a few MB at most.
YOUNG_THRESHOLD = 20_000


def settle_after_startup() -> None:
    """Collect once, freeze what startup left, and collect the young generation less often."""
    # The masker loads its word lists and the phone metadata on first use: load them now,
    # so they are frozen with the rest instead of walked by every full collection.
    mask_personal_data("Bel 06-12345678 of mail naam@voorbeeld.nl, Kerkstraat 12, Utrecht.")
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
