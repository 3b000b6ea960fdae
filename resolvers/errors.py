"""Domain errors become payloads in one place: the `errors_as_data` decorator.

A resolver raises `domain.errors.DomainError`s (or lets the domain raise them); the decorator
answers with the matching member of the resolver's result union. An outage of PostgreSQL or
Redis is answered as `TemporarilyUnavailable` (every mutation's union has it). Anything else
is a bug and reaches the client masked.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec, TypeVar

from domain.errors import DomainError, TemporarilyUnavailable
from messaging.outages import OUTAGES
from schema.errors import payload_of

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


def errors_as_data(resolver: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    @functools.wraps(resolver)
    async def answer(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return await resolver(*args, **kwargs)
        except DomainError as error:
            result: Any = payload_of(error)
            return result
        except OUTAGES as error:
            log.warning("answered unavailable: %s", type(error).__name__)
            unavailable: Any = payload_of(TemporarilyUnavailable())
            return unavailable

    return answer
