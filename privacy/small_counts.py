"""Small-count suppression: counts small enough to point at a person are not shown."""

from __future__ import annotations


def suppress(count: int, threshold: int) -> int | None:
    """Small counts are not shown to municipalities: they could point at a person."""
    return count if count >= threshold else None
