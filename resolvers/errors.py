"""Domain errors become payloads in one place: the `errors_as_data` decorator.

A resolver raises `domain.errors.DomainError`s (or lets the domain raise them); the decorator
answers with the matching member of the resolver's result union. Anything else is a bug and
reaches the client masked.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec, TypeVar

from domain.errors import DomainError
from schema.errors import payload_of

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

    return answer
