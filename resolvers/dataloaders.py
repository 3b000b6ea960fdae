"""Request-scoped data access for GraphQL types: rows by id (one query per batch of keys) and
pages of children (one statement per page request, `resolvers.pages`). Types reach these
through the context and never query the database themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader
from tortoise.models import Model

from models import DeliveryAttempt, DuplicateGroup, FeedbackMessage, Referral, Report, Theme
from resolvers.pages import ChildPages
from resolvers.pagination import paginate
from schema.pagination import Connection

M = TypeVar("M", bound=Model)


def by_id(model: type[M]) -> DataLoader[str, M | None]:
    """Rows by primary key; a missing key loads None."""

    async def load(keys: Sequence[str]) -> list[M | None]:
        found = {str(row.pk): row for row in await model.filter(id__in=list(keys))}
        return [found.get(str(key)) for key in keys]

    return DataLoader(load_fn=load)


class Pages:
    """Paginated children of one parent (not batched: each page has its own cursor)."""

    async def reports_of_theme(
        self, theme_id: object, node: Any, first: int | None, after: str | None
    ) -> Connection[Any]:
        return await paginate(Report.filter(theme_id=theme_id), node, first=first, after=after)


def _duplicates() -> ChildPages[Report]:
    """The other reports of a duplicate group (a: the group, b: the report itself)."""
    return ChildPages(Report, "c.duplicate_group_id = k.a AND c.id <> k.b")


def _reporter_messages() -> ChildPages[FeedbackMessage]:
    """What a reporter reads: messages on their report (a) and those to its theme (b)."""
    return ChildPages(
        FeedbackMessage,
        "c.report_id = k.a OR (c.theme_id = k.b AND c.direction = 'TO_REPORTER')",
    )


@dataclass
class Loaders:
    theme_by_id: DataLoader[str, Theme | None] = field(default_factory=lambda: by_id(Theme))
    report_by_id: DataLoader[str, Report | None] = field(default_factory=lambda: by_id(Report))
    group_by_id: DataLoader[str, DuplicateGroup | None] = field(
        default_factory=lambda: by_id(DuplicateGroup)
    )
    duplicates: ChildPages[Report] = field(default_factory=_duplicates)
    report_messages: ChildPages[FeedbackMessage] = field(
        default_factory=lambda: ChildPages(FeedbackMessage, "c.report_id = k.a")
    )
    reporter_messages: ChildPages[FeedbackMessage] = field(default_factory=_reporter_messages)
    theme_messages: ChildPages[FeedbackMessage] = field(
        default_factory=lambda: ChildPages(FeedbackMessage, "c.theme_id = k.a")
    )
    theme_referrals: ChildPages[Referral] = field(
        default_factory=lambda: ChildPages(Referral, "c.theme_id = k.a")
    )
    attempts: ChildPages[DeliveryAttempt] = field(
        default_factory=lambda: ChildPages(
            DeliveryAttempt, "c.referral_id = k.a", order="started_at"
        )
    )
    pages: Pages = field(default_factory=Pages)
