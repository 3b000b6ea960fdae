"""Log lines, tracebacks included, never carry personal data; access lines no address."""

from __future__ import annotations

import io
import logging

from privacy.logging_filter import UVICORN_LOG_CONFIG, MaskPersonalDataFilter


def _logger() -> tuple[logging.Logger, io.StringIO]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(MaskPersonalDataFilter())
    logger = logging.getLogger("test-masking")
    logger.handlers = [handler]
    logger.propagate = False
    return logger, out


def test_a_traceback_that_quotes_a_report_is_masked() -> None:
    logger, out = _logger()
    try:
        raise ValueError("kan niet opslaan: mijn BSN is 111222333, bel 06-12345678")
    except ValueError:
        logger.exception("opslaan mislukt voor %s", "piet.jansen@example.nl")
    written = out.getvalue()
    assert "Traceback" in written and "ValueError" in written
    for value in ("111222333", "12345678", "piet.jansen"):
        assert value not in written


def test_the_access_log_has_no_client_address() -> None:
    access = UVICORN_LOG_CONFIG["formatters"]["access"]["fmt"]
    assert "client_addr" not in access and "request_line" in access
    assert all("mask" in h["filters"] for h in UVICORN_LOG_CONFIG["handlers"].values())
