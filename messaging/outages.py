"""What an outage of PostgreSQL or Redis raises, as one tuple: the API answers these as
"temporarily unavailable", the worker waits them out."""

from __future__ import annotations

import asyncpg
from redis.exceptions import RedisError
from tortoise.exceptions import DBConnectionError, OperationalError

from privacy.rate_limit import LimiterUnavailable

OUTAGES: tuple[type[BaseException], ...] = (
    DBConnectionError,
    OperationalError,
    asyncpg.PostgresConnectionError,
    asyncpg.exceptions.OperatorInterventionError,  # the server shuts down or starts
    asyncpg.InterfaceError,
    RedisError,
    LimiterUnavailable,
    ConnectionError,
    FileNotFoundError,  # the unix socket of a server that is restarting
    TimeoutError,
)


def is_outage(error: BaseException) -> bool:
    return isinstance(error, OUTAGES)
