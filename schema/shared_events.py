"""Subscription events that are the same for every subscriber who asked the same.

A type marked `@shared_event` is handed to every subscriber of a process as one object per
change, and holds nothing that depends on who reads it (no viewer-dependent field, no
resolver with side effects). The schema's execution context (`signaalpunt.shared_events`)
then executes a subscription's selection on it once per document, variables and audience,
not once per subscriber.
"""

from __future__ import annotations

from typing import TypeVar

SHARED_EVENT = "__signaalpunt_shared_event__"
T = TypeVar("T", bound=type)


def shared_event(cls: T) -> T:
    setattr(cls, SHARED_EVENT, True)
    return cls


def is_shared_event(value: object) -> bool:
    return bool(getattr(type(value), SHARED_EVENT, False))
