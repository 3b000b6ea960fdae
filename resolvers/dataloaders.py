"""Request-scoped data access for GraphQL types: rows by id (one query per batch of keys) and
pages of children (one statement per page request, `resolvers.pages`). Types reach these
through the context and never query the database themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
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


class Loaders:
    """One request's loaders, each made on its first use: most requests (a submit) need none."""

    @cached_property
    def theme_by_id(self) -> DataLoader[str, Theme | None]:
        return by_id(Theme)

    @cached_property
    def report_by_id(self) -> DataLoader[str, Report | None]:
        return by_id(Report)

    @cached_property
    def group_by_id(self) -> DataLoader[str, DuplicateGroup | None]:
        return by_id(DuplicateGroup)

    @cached_property
    def duplicates(self) -> ChildPages[Report]:
        """The other reports of a duplicate group (a: the group, b: the report itself)."""
        return ChildPages(Report, "c.duplicate_group_id = k.a AND c.id <> k.b")

    @cached_property
    def report_messages(self) -> ChildPages[FeedbackMessage]:
        return ChildPages(FeedbackMessage, "c.report_id = k.a")

    @cached_property
    def reporter_messages(self) -> ChildPages[FeedbackMessage]:
        """What a reporter reads: messages on their report (a) and those to its theme (b)."""
        return ChildPages(
            FeedbackMessage,
            "c.report_id = k.a OR (c.theme_id = k.b AND c.direction = 'TO_REPORTER')",
        )

    @cached_property
    def theme_messages(self) -> ChildPages[FeedbackMessage]:
        return ChildPages(FeedbackMessage, "c.theme_id = k.a")

    @cached_property
    def theme_referrals(self) -> ChildPages[Referral]:
        return ChildPages(Referral, "c.theme_id = k.a")

    @cached_property
    def attempts(self) -> ChildPages[DeliveryAttempt]:
        return ChildPages(DeliveryAttempt, "c.referral_id = k.a", order="started_at")

    @cached_property
    def pages(self) -> Pages:
        return Pages()
