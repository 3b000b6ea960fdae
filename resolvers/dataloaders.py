"""Request-scoped dataloaders (`<Entity>By<Key>Loader`): one query per batch, not per row."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from strawberry.dataloader import DataLoader

from models import DeliveryAttempt, FeedbackMessage, Referral, Report, Theme


def _by_id(rows: Sequence[Any], keys: Sequence[str]) -> list[Any]:
    found = {str(row.id): row for row in rows}
    return [found.get(str(key)) for key in keys]


def _grouped(rows: Sequence[Any], attr: str, keys: Sequence[str]) -> list[list[Any]]:
    groups: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        groups[str(getattr(row, attr))].append(row)
    return [groups.get(str(key), []) for key in keys]


class ThemeByIdLoader(DataLoader[str, Theme | None]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[str]) -> list[Theme | None]:
        return _by_id(await Theme.filter(id__in=list(keys)), keys)


class ReportByIdLoader(DataLoader[str, Report | None]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[str]) -> list[Report | None]:
        return _by_id(await Report.filter(id__in=list(keys)), keys)


class ReportsByDuplicateGroupLoader(DataLoader[str, list[Report]]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[str]) -> list[list[Report]]:
        rows = await Report.filter(duplicate_group_id__in=list(keys)).order_by("created_at")
        return _grouped(rows, "duplicate_group_id", keys)


class MessagesByReportLoader(DataLoader[str, list[FeedbackMessage]]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[str]) -> list[list[FeedbackMessage]]:
        rows = await FeedbackMessage.filter(report_id__in=list(keys)).order_by("created_at")
        return _grouped(rows, "report_id", keys)


class MessagesByThemeLoader(DataLoader[str, list[FeedbackMessage]]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[str]) -> list[list[FeedbackMessage]]:
        rows = await FeedbackMessage.filter(theme_id__in=list(keys)).order_by("created_at")
        return _grouped(rows, "theme_id", keys)


class ReferralsByThemeLoader(DataLoader[str, list[Referral]]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[str]) -> list[list[Referral]]:
        rows = await Referral.filter(theme_id__in=list(keys)).order_by("created_at")
        return _grouped(rows, "theme_id", keys)


class DeliveryAttemptsByReferralLoader(DataLoader[str, list[DeliveryAttempt]]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[str]) -> list[list[DeliveryAttempt]]:
        rows = await DeliveryAttempt.filter(referral_id__in=list(keys)).order_by("attempt")
        return _grouped(rows, "referral_id", keys)


@dataclass
class Loaders:
    theme_by_id: ThemeByIdLoader = field(default_factory=ThemeByIdLoader)
    report_by_id: ReportByIdLoader = field(default_factory=ReportByIdLoader)
    reports_by_duplicate_group: ReportsByDuplicateGroupLoader = field(
        default_factory=ReportsByDuplicateGroupLoader
    )
    messages_by_report: MessagesByReportLoader = field(default_factory=MessagesByReportLoader)
    messages_by_theme: MessagesByThemeLoader = field(default_factory=MessagesByThemeLoader)
    referrals_by_theme: ReferralsByThemeLoader = field(default_factory=ReferralsByThemeLoader)
    attempts_by_referral: DeliveryAttemptsByReferralLoader = field(
        default_factory=DeliveryAttemptsByReferralLoader
    )
