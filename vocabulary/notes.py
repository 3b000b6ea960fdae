"""What an internal note is about."""

from __future__ import annotations

from enum import StrEnum


class NoteSubject(StrEnum):
    REPORT = "REPORT"
    THEME = "THEME"
    REFERRAL = "REFERRAL"
