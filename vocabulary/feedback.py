"""Feedback messages between staff, partners and reporters."""

from __future__ import annotations

from enum import StrEnum


class MessageDirection(StrEnum):
    TO_REPORTER = "TO_REPORTER"
    FROM_REPORTER = "FROM_REPORTER"


class MessageAuthor(StrEnum):
    STAFF = "STAFF"
    PARTNER = "PARTNER"
    REPORTER = "REPORTER"
    SYSTEM = "SYSTEM"
