"""Request-scoped data access for GraphQL types: dataloaders (one query per batch of keys,
not per row) and pages of a parent's children. Types reach these through the context and
never query the database themselves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader
from tortoise.models import Model

from models import DeliveryAttempt, FeedbackMessage, Referral, Report, Theme
from resolvers.pagination import paginate
from schema.pagination import Connection

M = TypeVar("M", bound=Model)


def by_id(model: type[M]) -> DataLoader[str, M | None]:
    """Rows by primary key; a missing key loads None."""

    async def load(keys: Sequence[str]) -> list[M | None]:
        found = {str(row.pk): row for row in await model.filter(id__in=list(keys))}
        return [found.get(str(key)) for key in keys]

    return DataLoader(load_fn=load)


def grouped_by(model: type[M], key_field: str, *order_by: str) -> DataLoader[str, list[M]]:
    """Rows whose `key_field` is the key, each group ordered by `order_by`."""

    async def load(keys: Sequence[str]) -> list[list[M]]:
        rows = await model.filter(**{f"{key_field}__in": list(keys)}).order_by(*order_by)
        groups: dict[str, list[M]] = defaultdict(list)
        for row in rows:
            groups[str(getattr(row, key_field))].append(row)
        return [groups.get(str(key), []) for key in keys]

    return DataLoader(load_fn=load)


class Pages:
    """Paginated children of one parent (not batched: each page has its own cursor)."""

    async def reports_of_theme(
        self, theme_id: object, node: Any, first: int | None, after: str | None
    ) -> Connection[Any]:
        return await paginate(Report.filter(theme_id=theme_id), node, first=first, after=after)


@dataclass
class Loaders:
    theme_by_id: DataLoader[str, Theme | None] = field(default_factory=lambda: by_id(Theme))
    report_by_id: DataLoader[str, Report | None] = field(default_factory=lambda: by_id(Report))
    reports_by_duplicate_group: DataLoader[str, list[Report]] = field(
        default_factory=lambda: grouped_by(Report, "duplicate_group_id", "created_at", "id")
    )
    messages_by_report: DataLoader[str, list[FeedbackMessage]] = field(
        default_factory=lambda: grouped_by(FeedbackMessage, "report_id", "created_at")
    )
    messages_by_theme: DataLoader[str, list[FeedbackMessage]] = field(
        default_factory=lambda: grouped_by(FeedbackMessage, "theme_id", "created_at")
    )
    referrals_by_theme: DataLoader[str, list[Referral]] = field(
        default_factory=lambda: grouped_by(Referral, "theme_id", "created_at")
    )
    attempts_by_referral: DataLoader[str, list[DeliveryAttempt]] = field(
        default_factory=lambda: grouped_by(DeliveryAttempt, "referral_id", "attempt")
    )
    pages: Pages = field(default_factory=Pages)
