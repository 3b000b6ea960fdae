"""The Dutch de-identifier (`deduce`), loaded once per process from its cache.

Building deduce's lookup structures (tries of Dutch first names, surnames, streets, places
and institutions) takes minutes; `signaalpunt prepare` does it once at install time, and
every later process loads the cached structures (seconds, about 1 GB of memory: the worker
loads it, the API does not).
"""

from __future__ import annotations

import threading
from functools import cache
from typing import Any

_lock = threading.Lock()


@cache
def _deduce() -> Any:
    from deduce import Deduce

    with _lock:
        return Deduce()


def prepare() -> None:
    """Build (or load) the lookup structures so that they are cached on disk."""
    _deduce()


def deduce_instance() -> Any:
    return _deduce()
