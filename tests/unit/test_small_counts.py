"""Small-count suppression: no shown number lets a reader work out a hidden one."""

from __future__ import annotations

import itertools
import random

from privacy.small_counts import suppress_split, suppress_table, theme_counts

T = 5


def _derivable(total: int | None, shown: dict[str, int | None], cells: dict[str, int]) -> bool:
    """Whether a hidden non-zero count can be worked out from what is shown."""
    secret = [k for k, v in shown.items() if v is None and cells[k] > 0]
    if total is None or not secret:
        return False
    rest = total - sum(v for v in shown.values() if v is not None)
    return len(secret) == 1 or rest < T


def test_one_hidden_cell_takes_the_next_smallest_with_it() -> None:
    total, shown = suppress_table(30, {"GM0363": 20, "GM0344": 7, "GM0518": 3}, T)
    assert total == 30 and shown == {"GM0363": 20, "GM0344": None, "GM0518": None}


def test_hidden_cells_that_together_stay_small_are_widened() -> None:
    total, shown = suppress_table(23, {"a": 1, "b": 2, "c": 8, "d": 12}, T)
    assert shown["a"] is None and shown["b"] is None and shown["c"] is None
    assert not _derivable(total, shown, {"a": 1, "b": 2, "c": 8, "d": 12})


def test_a_small_total_hides_everything() -> None:
    assert suppress_table(4, {"a": 4}, T) == (None, {"a": None})
    assert suppress_split(3, {"resident": 3, "professional": 0}, T) == (
        None, {"resident": None, "professional": None},
    )  # fmt: skip


def test_a_split_hides_both_parts() -> None:
    assert suppress_split(12, {"resident": 10, "professional": 2}, T) == (
        12, {"resident": None, "professional": None},
    )  # fmt: skip
    assert suppress_split(12, {"resident": 12, "professional": 0}, T) == (
        12, {"resident": 12, "professional": 0},
    )  # fmt: skip


def test_no_random_table_gives_a_hidden_count_away() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        cells = {
            f"m{i}": rng.choice([0, 1, 2, 3, 4, 5, 6, 9, 15, 40]) for i in range(rng.randint(1, 6))
        }
        total, shown = suppress_table(sum(cells.values()), cells, T)
        assert not _derivable(total, shown, cells), (cells, total, shown)
        assert all(v is None or v == 0 or v >= T for v in shown.values())


def test_theme_counts_never_show_a_small_number() -> None:
    for cases, resident, professional in itertools.product([0, 3, 6, 20], [0, 2, 7], [0, 1, 9]):
        counts = theme_counts(
            case_count=cases, municipalities={"GM0363": cases}, reporter_count=resident + professional,
            resident_reporter_count=resident, professional_reporter_count=professional, threshold=T,
        )  # fmt: skip
        for value in (counts.case_count, counts.reporter_count, counts.resident_reporter_count,
                      counts.professional_reporter_count, *counts.municipalities.values()):  # fmt: skip
            assert value is None or value == 0 or value >= T
