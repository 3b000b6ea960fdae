"""answerSurvey: a reporter says how satisfied they are, within 14 days after their report
ended, with their receipt or their account. Once per report; the free text is masked. An
unhappy answer with words of its own, or "I do not understand what was done", asks staff to
look again (the report shows as reopen requested)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import strawberry
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from domain.errors import InputErrors, InvalidState
from domain.survey import asks_to_reopen, survey_window
from models import Report, SurveyResponse
from resolvers.errors import errors_as_data
from resolvers.reporter.receipt_access import reporters_report, reporters_report_id
from resolvers.validation import check_optional_free_text
from schema.context import Info
from schema.enums import Satisfaction, Understood, WouldReportAgain
from schema.errors import (
    InvalidInputError,
    InvalidStateError,
    NotFoundError,
    TemporarilyUnavailableError,
    ThrottledError,
)
from schema.policy import EVERYONE, policy
from vocabulary.translations import N_, speaking, t

REOPEN_REASON = "Uit de vragenlijst na afronding"


@strawberry.input
class AnswerSurveyInput:
    satisfaction: Satisfaction
    understood: Understood
    would_report_again: WouldReportAgain
    comment: str | None = strawberry.field(default=None, description="Wat u nog kwijt wilt.")
    receipt: str | None = strawberry.field(default=None, description="Anoniem: uw bonnummer.")
    report_id: strawberry.ID | None = strawberry.field(
        default=None, description="Met account: het kenmerk van uw signaal."
    )


@policy(EVERYONE)
@strawberry.type
class SurveyAnswered:
    message: str
    reopen_requested: bool = strawberry.field(
        description="Waar: een medewerker kijkt opnieuw naar uw signaal."
    )


AnswerSurveyResult = Annotated[
    SurveyAnswered
    | InvalidInputError
    | InvalidStateError
    | NotFoundError
    | ThrottledError
    | TemporarilyUnavailableError,
    strawberry.union("AnswerSurveyResult"),
]


@errors_as_data
async def answer_survey(info: Info, input: AnswerSurveyInput) -> AnswerSurveyResult:
    problems = InputErrors()
    comment = check_optional_free_text(
        problems, "comment", input.comment, maximum=2000, label=N_("uw toelichting")
    )
    report_id = reporters_report_id(problems, input.receipt, input.report_id)
    problems.raise_if_any()
    report = await reporters_report(info, input.receipt, report_id)
    with speaking(info.context.language or report.language):
        return await _answer(report, input, comment)


async def _answer(report: Report, input: AnswerSurveyInput, comment: str | None) -> SurveyAnswered:
    now = datetime.now(UTC)
    window = survey_window(report.closed_at, now)
    if not window.open:
        raise InvalidState(
            t("De vragenlijst is er alleen in de 14 dagen nadat uw signaal is afgerond.")
            if report.closed_at is None or window.closes_at is None or now < window.closes_at
            else t("De vragenlijst is gesloten: de 14 dagen zijn voorbij.")
        )
    reopen = asks_to_reopen(input.satisfaction, input.understood, comment)
    try:
        async with in_transaction() as conn:
            await SurveyResponse.create(
                report_id=report.id, satisfaction=input.satisfaction,
                understood=input.understood, would_report_again=input.would_report_again,
                comment=comment, asked_to_reopen=reopen, using_db=conn,
            )  # fmt: skip
            if reopen:
                await (
                    Report.filter(id=report.id)
                    .using_db(conn)
                    .update(
                        reopen_requested_at=now,
                        reopen_reason=f"{REOPEN_REASON}: {comment}" if comment else REOPEN_REASON,
                    )
                )
    except IntegrityError as error:  # one answer per report
        raise InvalidState(t("U heeft de vragenlijst al ingevuld. Dank u wel.")) from error
    message = (
        t(
            "Dank u wel. Een medewerker kijkt opnieuw naar uw signaal en laat u weten wat er gebeurt."
        )
        if reopen
        else t("Dank u wel voor uw antwoorden. Zo kunnen we Signaalpunt beter maken.")
    )
    return SurveyAnswered(message=message, reopen_requested=reopen)
