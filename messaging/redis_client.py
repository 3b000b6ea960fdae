"""Redis connections that never block start-up: a report must be accepted while Redis is down."""

from __future__ import annotations

from collections.abc import Awaitable, Mapping
from typing import cast

from arq.connections import ArqRedis, RedisSettings
from redis.asyncio import ConnectionPool, Redis


def arq_settings(redis_url: str) -> RedisSettings:
    settings = RedisSettings.from_dsn(redis_url)
    settings.conn_timeout = 2
    return settings


def connect(redis_url: str) -> ArqRedis:
    """An ArqRedis client that connects lazily, with short timeouts instead of retries."""
    pool = ConnectionPool.from_url(
        redis_url, socket_connect_timeout=1.0, socket_timeout=3.0, health_check_interval=30
    )
    return ArqRedis(connection_pool=pool)


def pubsub_client(redis_url: str) -> Redis:
    """A separate client for SUBSCRIBE, which holds its connection open without a timeout."""
    return Redis.from_url(redis_url, socket_connect_timeout=1.0, health_check_interval=30)


async def read_hash(redis: Redis, key: str) -> dict[bytes, bytes]:
    """HGETALL, typed (redis-py's stubs mix its sync and async return types)."""
    return await cast(Awaitable[dict[bytes, bytes]], redis.hgetall(key))


async def write_hash(redis: Redis, key: str, mapping: Mapping[str, str | int | float]) -> None:
    await cast(Awaitable[int], redis.hset(key, mapping=dict(mapping)))  # pyright: ignore[reportArgumentType]
