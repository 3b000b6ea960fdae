"""Small-count suppression that holds: no shown total, complement or split gives a hidden
count away.

Primary suppression hides every count from 1 up to the threshold (default 5): a count that
small can point at a person in a small municipality. Secondary suppression then hides more,
because what is shown beside a hidden cell can give it away:

- cells of a table with a shown total (cases per municipality, per month): while the hidden
  cells are fewer than two, or together fewer than the threshold, the smallest shown cell is
  hidden too, so the total minus the shown cells never yields a hidden count;
- a total below the threshold is hidden with all its cells;
- a split of a shown total into two parts (resident and professional reporters): when one
  part is hidden the other is too, since the total minus one part is the other.

Zero is shown: it points at no one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol


def hidden(count: int, threshold: int) -> bool:
    return 0 < count < threshold


def suppress(count: int, threshold: int) -> int | None:
    """A count on its own (no total beside it): hidden below the threshold."""
    return None if hidden(count, threshold) else count


def suppress_table(
    total: int, cells: Mapping[str, int], threshold: int
) -> tuple[int | None, dict[str, int | None]]:
    """A total and its cells, with primary and secondary suppression."""
    if hidden(total, threshold):
        return None, {key: (0 if value == 0 else None) for key, value in cells.items()}
    secret = {key for key, value in cells.items() if hidden(value, threshold)}
    shown = sorted((value, key) for key, value in cells.items() if key not in secret and value > 0)

    def exposed() -> bool:
        if not secret:
            return False
        return len(secret) < 2 or sum(cells[key] for key in secret) < threshold

    while exposed() and shown:
        secret.add(shown.pop(0)[1])
    if exposed():  # everything is hidden and still derivable: the total goes as well
        return None, {key: (0 if value == 0 else None) for key, value in cells.items()}
    return total, {key: (None if key in secret else value) for key, value in cells.items()}


def suppress_split(
    total: int, parts: Mapping[str, int], threshold: int
) -> tuple[int | None, dict[str, int | None]]:
    """A total split into parts (that may not add up exactly, e.g. one reporter counted as
    both): a hidden part hides the others when the total is shown."""
    if hidden(total, threshold):
        return None, dict.fromkeys(parts)
    if any(hidden(value, threshold) for value in parts.values()):
        return total, {
            key: (0 if value == 0 and len(parts) > 2 else None) for key, value in parts.items()
        }
    return total, dict(parts)


@dataclass(frozen=True)
class ThemeCounts:
    """A theme's counts as a municipality, a subscriber or a partner may see them."""

    case_count: int | None
    municipalities: dict[str, int | None]
    reporter_count: int | None
    resident_reporter_count: int | None
    professional_reporter_count: int | None


def theme_counts(
    *,
    case_count: int,
    municipalities: Mapping[str, int],
    reporter_count: int,
    resident_reporter_count: int,
    professional_reporter_count: int,
    threshold: int,
) -> ThemeCounts:
    cases, per_municipality = suppress_table(case_count, municipalities, threshold)
    reporters, split = suppress_split(
        reporter_count,
        {"resident": resident_reporter_count, "professional": professional_reporter_count},
        threshold,
    )
    return ThemeCounts(cases, per_municipality, reporters, split["resident"], split["professional"])


class CountedTheme(Protocol):
    @property
    def case_count(self) -> int: ...
    @property
    def municipality_case_counts(self) -> Any: ...
    @property
    def reporter_count(self) -> int: ...
    @property
    def resident_reporter_count(self) -> int: ...
    @property
    def professional_reporter_count(self) -> int: ...


def counts_of(theme: CountedTheme, threshold: int) -> ThemeCounts:
    """A theme's counts, suppressed: the same in every view, payload and export."""
    return theme_counts(
        case_count=theme.case_count,
        municipalities=theme.municipality_case_counts,
        reporter_count=theme.reporter_count,
        resident_reporter_count=theme.resident_reporter_count,
        professional_reporter_count=theme.professional_reporter_count,
        threshold=threshold,
    )
