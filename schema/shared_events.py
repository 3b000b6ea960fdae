"""Subscription events that are the same for every subscriber who asked the same.

A type marked `@shared_event` is handed to every subscriber of a process as one object per
change, and holds nothing that depends on who reads it (no viewer-dependent field, no
resolver with side effects). The schema's execution context (`signaalpunt.shared_events`)
then executes a subscription's selection on it once per document, variables and audience,
not once per subscriber. `RecentEvents` remembers what was made of recent events.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

SHARED_EVENT = "__signaalpunt_shared_event__"
T = TypeVar("T", bound=type)
V = TypeVar("V")


def shared_event(cls: T) -> T:
    setattr(cls, SHARED_EVENT, True)
    return cls


def is_shared_event(value: object) -> bool:
    return bool(getattr(type(value), SHARED_EVENT, False))


class RecentEvents(Generic[V]):
    """Values made from the last `keep` events, found by the event object itself (and a key).

    An event is looked up by its identity: events are dicts and strawberry objects, which do
    not hash. An id is reused once its object is gone, so the object is kept beside its
    value and compared: a new event with an old id is never taken for the old one.
    """

    def __init__(self, keep: int) -> None:
        self._keep = keep
        self._items: OrderedDict[tuple[Hashable, ...], tuple[object, V]] = OrderedDict()

    def get(self, event: object, *key: Hashable) -> V | None:
        found = self._items.get((id(event), *key))
        return found[1] if found is not None and found[0] is event else None

    def put(self, event: object, value: V, *key: Hashable) -> None:
        self._items[(id(event), *key)] = (event, value)
        while len(self._items) > self._keep:
            self._items.popitem(last=False)
