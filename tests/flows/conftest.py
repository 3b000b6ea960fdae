"""The flow tier: a process stack of its own for every test module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from signaalpunt.harness import Servers
from tests.stack import Stack, start_process_stack


@pytest.fixture(scope="module")
def stack(real_servers: Servers, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with start_process_stack(real_servers, tmp_path_factory.mktemp("flow")) as found:
        yield found
