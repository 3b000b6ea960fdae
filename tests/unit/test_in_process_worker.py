"""The in-process worker of the benches and tests says when it stops with an error."""

from __future__ import annotations

import asyncio
import logging

import pytest

from signaalpunt.harness import _said_if_it_failed


def test_a_worker_task_that_fails_is_logged_and_a_cancelled_one_is_not(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def fails() -> None:
        raise ConnectionError("redis went away")

    async def run() -> None:
        failed = asyncio.ensure_future(fails())
        await asyncio.gather(failed, return_exceptions=True)
        _said_if_it_failed(failed)
        cancelled = asyncio.ensure_future(asyncio.sleep(10))
        cancelled.cancel()
        await asyncio.gather(cancelled, return_exceptions=True)
        _said_if_it_failed(cancelled)

    with caplog.at_level(logging.ERROR, logger="signaalpunt.harness"):
        asyncio.run(run())
    assert [r.getMessage() for r in caplog.records] == [
        "the in-process worker stopped: ConnectionError('redis went away')"
    ]
