"""requestReopen: a reporter asks staff to look again at a closed or declined report.

The report is not reopened by this: staff decide (the workflow table lets staff move CLOSED
and DECLINED back to IN_REVIEW); the request shows in their queue with its reason.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import strawberry

from domain.errors import InputErrors, InvalidState
from models import Report
from resolvers.errors import errors_as_data
from resolvers.reporter.receipt_access import reporters_report, reporters_report_id
from resolvers.validation import check_free_text
from schema.context import Info
from schema.errors import (
    InvalidInputError,
    InvalidStateError,
    NotFoundError,
    TemporarilyUnavailableError,
    ThrottledError,
)
from schema.policy import EVERYONE, policy
from vocabulary import ReportStatus
from vocabulary.translations import N_, t

REOPENABLE = frozenset({ReportStatus.CLOSED, ReportStatus.DECLINED})


@strawberry.input
class RequestReopenInput:
    reason: str = strawberry.field(description="Waarom u wilt dat we opnieuw kijken.")
    receipt: str | None = strawberry.field(default=None, description="Anoniem: uw bonnummer.")
    report_id: strawberry.ID | None = strawberry.field(
        default=None, description="Met account: het kenmerk van uw signaal."
    )


@policy(EVERYONE)
@strawberry.type
class ReopenRequested:
    message: str


RequestReopenResult = Annotated[
    ReopenRequested
    | InvalidInputError
    | InvalidStateError
    | NotFoundError
    | ThrottledError
    | TemporarilyUnavailableError,
    strawberry.union("RequestReopenResult"),
]


@errors_as_data
async def request_reopen(info: Info, input: RequestReopenInput) -> RequestReopenResult:
    problems = InputErrors()
    reason = check_free_text(
        problems, "reason", input.reason, minimum=5, maximum=2000, label=N_("de reden")
    )
    report_id = reporters_report_id(problems, input.receipt, input.report_id)
    problems.raise_if_any()
    report = await reporters_report(info, input.receipt, report_id)
    if ReportStatus(report.status) not in REOPENABLE:
        raise InvalidState(t("Uw signaal is nog in behandeling; u hoeft niets te doen."))
    updated = await Report.filter(id=report.id, status__in=[s.value for s in REOPENABLE]).update(
        reopen_requested_at=datetime.now(UTC), reopen_reason=reason
    )
    if not updated:
        raise InvalidState(t("Uw signaal is nog in behandeling; u hoeft niets te doen."))
    return ReopenRequested(
        message=t(
            "Dank u. Een medewerker kijkt opnieuw naar uw signaal en laat u weten wat er gebeurt."
        )
    )
