"""The evidence of recently processed reports, kept in worker memory.

Candidates come through band keys, and each key yields its most recent reports first, so the
reports a new one is compared with are mostly reports processed minutes ago. Keeping their
evidence (signature, details, concepts) saves re-normalising their text and reading its
details and concepts again for every comparison, which is most of the cost of deciding.

Entries leave in insertion order once `capacity` is reached. Inserts happen on the event
loop after a batch commits; reads happen in the deciding thread. Single dict operations are
atomic under the GIL, and nothing iterates the dict while others write, so no lock is needed.
"""

from __future__ import annotations

from collections.abc import Iterable

from domain.engine.duplicates import CaseEvidence

DEFAULT_CAPACITY = 10_000  # about 5 KB per report: ~50 MB


class RecentEvidence:
    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        self.capacity = capacity
        self._items: dict[str, CaseEvidence] = {}

    def get(self, report_id: str) -> CaseEvidence | None:
        return self._items.get(report_id)

    def add(self, items: Iterable[tuple[str, CaseEvidence]]) -> None:
        for report_id, evidence in items:
            self._items.pop(report_id, None)
            self._items[report_id] = evidence
        while len(self._items) > self.capacity:
            del self._items[next(iter(self._items))]

    def __len__(self) -> int:
        return len(self._items)
