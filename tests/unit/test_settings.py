"""Configuration from the environment: defaults that work on a laptop, clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from signaalpunt.settings import ConfigurationError, load_settings


def test_defaults_work_on_a_laptop(tmp_path: Path) -> None:
    settings = load_settings({"SIGNAALPUNT_DATA_DIR": str(tmp_path)})
    assert settings.database_url is None and settings.redis_url is None  # embedded
    assert settings.graphiql_enabled and settings.introspection_enabled
    assert settings.oidc_issuer == "http://127.0.0.1:8000/dev-issuer"
    assert settings.queue_name == "signaalpunt:queue"


def test_production_switches_off_what_only_a_laptop_needs(tmp_path: Path) -> None:
    settings = load_settings(
        {"SIGNAALPUNT_DATA_DIR": str(tmp_path), "SIGNAALPUNT_PRODUCTION": "true"}
    )
    assert not settings.graphiql_enabled
    assert not settings.introspection_enabled
    assert not settings.dev_issuer_enabled


def test_generated_secrets_survive_a_restart(tmp_path: Path) -> None:
    first = load_settings({"SIGNAALPUNT_DATA_DIR": str(tmp_path)})
    again = load_settings({"SIGNAALPUNT_DATA_DIR": str(tmp_path)})
    assert first.receipt_pepper == again.receipt_pepper and len(first.receipt_pepper) == 64
    assert (tmp_path / "secrets" / "receipt-pepper").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("SIGNAALPUNT_PORT", "achtduizend"),
        ("SIGNAALPUNT_RECEIPT_ATTEMPTS", "0"),
        ("SIGNAALPUNT_PRODUCTION", "misschien"),
        ("SIGNAALPUNT_DELIVERY_BACKOFF_SECONDS", "-1"),
    ],
)
def test_a_bad_value_is_refused_with_its_name(tmp_path: Path, variable: str, value: str) -> None:
    with pytest.raises(ConfigurationError) as refused:
        load_settings({"SIGNAALPUNT_DATA_DIR": str(tmp_path), variable: value})
    assert variable in str(refused.value)
