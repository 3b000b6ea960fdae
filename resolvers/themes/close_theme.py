"""closeTheme (staff): end every open report of a theme at once, and tell its reporters.

The reports the workflow lets staff close become CLOSED (their retention clock starts, their
survey opens); one closing message goes to every reporter of the theme — staff's own words,
or the standard one, which each reporter reads in their own language. The theme itself stays
(for the counts, the overview and the dossiers).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import strawberry
from tortoise.transactions import in_transaction

from domain import audit, workflow
from domain.errors import InputErrors, NotFound
from domain.service_levels import mark_triaged
from domain.system_messages import REPORT_CLOSED, stored_body
from models import FeedbackMessage, Report, Theme
from resolvers.access import require_viewer
from resolvers.errors import errors_as_data
from resolvers.feedback.answered import mark_answered
from resolvers.theme_changes import announce
from resolvers.validation import check_optional_free_text, parse_uuid
from schema.context import Info
from schema.errors import InvalidInputError, NotFoundError, TemporarilyUnavailableError
from schema.policy import STAFF, policy
from schema.themes.types import ThemeType
from vocabulary import MessageAuthor, MessageDirection, ReportStatus
from vocabulary.translations import N_


@strawberry.input
class CloseThemeInput:
    theme_id: strawberry.ID
    closing_message: str | None = strawberry.field(
        default=None,
        description="Het slotbericht aan alle melders. Leeg: het standaardbericht, in de taal "
        "van elke melder.",
    )


@policy(STAFF)
@strawberry.type
class ThemeClosed:
    theme: ThemeType
    closed_reports: int = strawberry.field(description="Zoveel signalen zijn nu afgerond.")


CloseThemeResult = Annotated[
    ThemeClosed | InvalidInputError | NotFoundError | TemporarilyUnavailableError,
    strawberry.union("CloseThemeResult"),
]


@errors_as_data
async def close_theme(info: Info, input: CloseThemeInput) -> CloseThemeResult:
    viewer = require_viewer(info)
    problems = InputErrors()
    theme_id = parse_uuid(problems, "themeId", input.theme_id)
    written = check_optional_free_text(
        problems, "closingMessage", input.closing_message, maximum=5000,
        label=N_("het slotbericht"),
    )  # fmt: skip
    problems.raise_if_any()
    theme = await Theme.get_or_none(id=theme_id)
    if theme is None:
        raise NotFound.of(N_("Dit thema"))
    sources = workflow.report_sources(ReportStatus.CLOSED, workflow.Actor.STAFF)
    async with in_transaction() as conn:
        open_ids = await (
            Report.filter(theme_id=theme.id, status__in=sources)
            .using_db(conn)
            .values_list("id", flat=True)
        )
        if not open_ids:  # nothing open: nothing to end, no second closing message
            return ThemeClosed(theme=ThemeType.from_model(theme), closed_reports=0)
        now = datetime.now(UTC)
        await (
            Report.filter(id__in=list(open_ids))
            .using_db(conn)
            .update(status=ReportStatus.CLOSED, closed_at=now)
        )
        await mark_triaged(open_ids, conn)
        await FeedbackMessage.create(
            theme_id=theme.id,
            direction=MessageDirection.TO_REPORTER,
            author=MessageAuthor.STAFF,
            author_subject=viewer.subject,
            body=written or stored_body(REPORT_CLOSED),
            text_id=None if written else REPORT_CLOSED,
            using_db=conn,
        )
        await mark_answered(theme_id=theme.id, using_db=conn)
        await audit.record(
            viewer, "theme.closed", "theme", theme_id,
            details={"reports": len(open_ids), "own_message": bool(written)}, using_db=conn,
        )  # fmt: skip
    await announce(info, [theme.id], "UPDATED")
    return ThemeClosed(theme=ThemeType.from_model(theme), closed_reports=len(open_ids))
