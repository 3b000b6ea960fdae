"""The API tier: one in-process app (and an in-process worker) per session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from signaalpunt.harness import Servers
from tests.stack import Stack, start_in_process_stack


@pytest.fixture(scope="session")
def stack(real_servers: Servers, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with start_in_process_stack(real_servers, tmp_path_factory.mktemp("in-process")) as found:
        yield found
