"""Themes: their status and where the solution lies."""

from __future__ import annotations

from enum import StrEnum


class ThemeStatus(StrEnum):
    PROPOSED = "PROPOSED"
    CONFIRMED = "CONFIRMED"
    MERGED = "MERGED"
    ARCHIVED = "ARCHIVED"


class SolutionLevel(StrEnum):
    UITVOERING = "UITVOERING"
    LOKALE_REGEL = "LOKALE_REGEL"
    REGIONALE_AFSPRAAK = "REGIONALE_AFSPRAAK"
    LANDELIJKE_WET = "LANDELIJKE_WET"
