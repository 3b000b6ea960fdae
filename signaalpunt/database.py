"""Tortoise configuration, start-up and migrations.

`DATABASE_URL` may point at a TCP server (`postgres://user:pw@host:5432/db`) or at a unix
socket directory (`postgres://postgres@/db?host=/path`, which is how the embedded server is
reached). The URL is parsed here into explicit credentials so both forms work.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from tortoise import Tortoise

MODELS_MODULE = "models"
MIGRATIONS_MODULE = "migrations"


def credentials_from_url(url: str) -> dict[str, Any]:
    parsed = urlparse(url)
    if parsed.scheme not in {"postgres", "postgresql", "asyncpg"}:
        raise ValueError(f"DATABASE_URL moet met postgres:// beginnen, niet {parsed.scheme}://")
    query = parse_qs(parsed.query)
    host = query.get("host", [parsed.hostname or "127.0.0.1"])[0]
    return {
        "host": host,
        "port": parsed.port or int(query.get("port", ["5432"])[0]),
        "user": unquote(parsed.username or "postgres"),
        "password": unquote(parsed.password or ""),
        "database": (parsed.path or "/postgres").lstrip("/") or "postgres",
    }


def tortoise_config(database_url: str, *, pool_max: int = 20) -> dict[str, Any]:
    credentials = credentials_from_url(database_url)
    credentials.update({"minsize": 1, "maxsize": pool_max})
    return {
        "connections": {
            "default": {"engine": "tortoise.backends.asyncpg", "credentials": credentials}
        },
        "apps": {
            "models": {
                "models": [MODELS_MODULE],
                "default_connection": "default",
                "migrations": MIGRATIONS_MODULE,
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


async def init_database(database_url: str, *, pool_max: int = 20) -> None:
    # tortoise 1.x keeps its context per task; the global fallback lets every task of the
    # API process and the worker share the one initialised ORM.
    await Tortoise.init(
        config=tortoise_config(database_url, pool_max=pool_max), _enable_global_fallback=True
    )


async def close_database() -> None:
    await Tortoise.close_connections()


async def run_migrations(database_url: str) -> None:
    from tortoise.migrations.api import migrate

    await migrate(config=tortoise_config(database_url, pool_max=2))
    await Tortoise.close_connections()
