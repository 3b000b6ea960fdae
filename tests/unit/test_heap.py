"""A process's garbage collector after start-up: start-up's objects frozen, young
collections less often."""

import gc
from collections.abc import Iterator

import pytest

from signaalpunt.heap import settle


@pytest.fixture
def restored_collector() -> Iterator[None]:
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_startup_objects_are_frozen_and_young_collections_rarer(restored_collector: None) -> None:
    gc.unfreeze()
    _, middle, old = gc.get_threshold()
    survivor = {"loaded": ["at", "start-up"]}

    settle(12_345)

    assert gc.get_freeze_count() > 0
    assert not any(obj is survivor for obj in gc.get_objects())  # frozen: no generation holds it
    assert gc.get_threshold() == (12_345, middle, old)
