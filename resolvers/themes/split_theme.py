"""splitTheme (staff): some cases of a theme are another mechanism; they get a theme of their own.

The moved cases are locked to the new theme, so later worker runs keep the split.
"""

from __future__ import annotations

import uuid
from typing import Annotated

import strawberry
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from domain import audit, workflow
from domain.errors import InputErrors, InvalidState, NotFound
from messaging.jobs import Job
from messaging.outbox import add_job, try_enqueue
from models import OutboxJob, Report, Theme
from resolvers.access import require_viewer
from resolvers.errors import errors_as_data
from resolvers.theme_changes import announce, refresh_themes
from resolvers.validation import check_free_text, parse_uuid
from schema.context import Info
from schema.errors import (
    InvalidInputError,
    InvalidStateError,
    NotFoundError,
    TemporarilyUnavailableError,
)
from schema.policy import STAFF, policy
from schema.themes.types import ThemeType
from vocabulary import ErrorCode, ThemeStatus
from vocabulary.translations import N_

MAX_SPLIT = 500


@strawberry.input
class SplitThemeInput:
    theme_id: strawberry.ID
    report_ids: list[strawberry.ID] = strawberry.field(
        description="Signalen (met hun dubbelen) die naar het nieuwe thema gaan."
    )
    label: str


@policy(STAFF)
@strawberry.type
class ThemeSplit:
    theme: ThemeType = strawberry.field(description="Het oorspronkelijke thema.")
    new_theme: ThemeType


SplitThemeResult = Annotated[
    ThemeSplit
    | InvalidInputError
    | NotFoundError
    | InvalidStateError
    | TemporarilyUnavailableError,
    strawberry.union("SplitThemeResult"),
]


async def _recentre(theme_id: object, conn: BaseDBAsyncClient) -> OutboxJob:
    """A worker recomputes the theme's centroid from its cases (the API never vectorises)."""
    return await add_job(
        Job.REFRESH_THEME,
        f"recentre:{theme_id}:{uuid.uuid4().hex[:12]}",
        [str(theme_id), "recentre"],
        using_db=conn,
    )


@errors_as_data
async def split_theme(info: Info, input: SplitThemeInput) -> SplitThemeResult:
    viewer = require_viewer(info)
    problems = InputErrors()
    theme_id = parse_uuid(problems, "themeId", input.theme_id)
    label = check_free_text(
        problems, "label", input.label, minimum=3, maximum=200, label=N_("de naam")
    )
    if not input.report_ids:
        problems.add("reportIds", ErrorCode.REQUIRED, "Kies minstens één signaal.")
    elif len(input.report_ids) > MAX_SPLIT:
        problems.add("reportIds", ErrorCode.TOO_LONG, f"Kies hoogstens {MAX_SPLIT} signalen.")
    report_ids = [parse_uuid(problems, "reportIds", r) for r in input.report_ids[: MAX_SPLIT + 1]]
    problems.raise_if_any()
    async with in_transaction() as conn:
        theme = await Theme.filter(id=theme_id).using_db(conn).select_for_update().first()
        if theme is None:
            raise NotFound.of(N_("Dit thema"))
        if theme.status not in workflow.THEME_LIVE:
            raise InvalidState("Dit thema is samengevoegd of gearchiveerd.")
        chosen = await Report.filter(id__in=report_ids, theme_id=theme.id).using_db(conn)
        if len(chosen) != len(set(report_ids)):
            raise NotFound.of(N_("Een of meer signalen in dit thema"))
        groups = {r.duplicate_group_id for r in chosen if r.duplicate_group_id}
        moving = (
            await Report.filter(theme_id=theme.id, duplicate_group_id__in=list(groups))
            .using_db(conn)
            .values_list("id", flat=True)
            if groups
            else []
        )
        moving_ids = {*moving, *(r.id for r in chosen)}
        staying = (
            await Report.filter(theme_id=theme.id)
            .exclude(id__in=list(moving_ids))
            .using_db(conn)
            .exists()
        )
        if not staying:
            raise InvalidState("Laat minstens één signaal in het oorspronkelijke thema.")
        new_theme = await Theme.create(
            label=label,
            label_locked=True,
            status=ThemeStatus.CONFIRMED,
            solution_level=theme.solution_level,
            using_db=conn,
        )
        await (
            Report.filter(id__in=list(moving_ids))
            .using_db(conn)
            .update(theme_id=new_theme.id, theme_locked=True)
        )
        await refresh_themes(conn, [theme.id, new_theme.id])
        jobs = [await _recentre(theme.id, conn), await _recentre(new_theme.id, conn)]
        await audit.record(
            viewer,
            "theme.split",
            "theme",
            theme_id,
            details={"new_theme": str(new_theme.id), "moved": [str(i) for i in moving_ids]},
            using_db=conn,
        )
    for job in jobs:
        await try_enqueue(info.context.services.queue, job)
    await announce(info, [theme_id], "UPDATED")
    await announce(info, [new_theme.id], "CREATED")
    return ThemeSplit(
        theme=ThemeType.from_model(await Theme.get(id=theme_id)),
        new_theme=ThemeType.from_model(await Theme.get(id=new_theme.id)),
    )
