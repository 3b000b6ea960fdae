"""Closing the loop: a closed report sends its reporter a closing message in their language
and opens the satisfaction survey for 14 days; an unhappy answer asks staff to look again."""

from __future__ import annotations

from typing import Any

from frontend_contract import operation
from tests.stack import Stack

REPORTS = "query($f: ReportFilter) { reports(filter: $f, first: 100) { edges { node { id } } } }"


def _submit(stack: Stack, text: str, language: str = "nl") -> dict[str, Any]:
    return stack.api.gql(operation("SubmitReport"), {"input": {
        "text": text, "reporterRole": "RESIDENT", "channel": "WEB", "municipality": "GM0202",
        "language": language}})["submitReport"]  # fmt: skip


def _survey(stack: Stack, receipt: str, **answers: Any) -> dict[str, Any]:
    values = {"satisfaction": "SATISFIED", "understood": "YES", "wouldReportAgain": "YES",
              **answers, "receipt": receipt}  # fmt: skip
    return stack.api.gql(operation("AnswerSurvey"), {"input": values})["answerSurvey"]


def _view(stack: Stack, receipt: str) -> dict[str, Any]:
    return stack.api.gql(operation("ReportByReceipt"), {"receipt": receipt})["reportByReceipt"]


def _close(stack: Stack, report_id: str, **extra: Any) -> dict[str, Any]:
    return stack.api.gql(operation("SetReportStatus"), {"input": {
        "reportId": report_id, "status": "CLOSED", **extra}}, stack.token("staff"))["setReportStatus"]  # fmt: skip


def test_closing_sends_the_closing_message_and_an_unhappy_answer_asks_to_reopen(
    stack: Stack,
) -> None:
    staff = stack.token("staff")
    english = _submit(stack, "My application for special assistance for a washing machine was "
                             "refused without anyone looking at my situation.", "en")  # fmt: skip
    receipt = english["receipt"]
    before = _survey(stack, receipt)
    assert before["__typename"] == "InvalidState" and "14 days" in before["message"]
    assert _view(stack, receipt)["survey"] == {"open": False, "closesAt": None, "answered": False}

    assert _close(stack, english["reference"])["__typename"] == "ReportStatusSet"
    view = _view(stack, receipt)
    assert view["survey"]["open"] is True and view["survey"]["closesAt"]
    closing = [m["body"] for m in view["messages"]["nodes"]]
    assert any(b.startswith("We have finished with your report.") for b in closing), closing

    unhappy = _survey(stack, receipt, satisfaction="VERY_UNSATISFIED",
                      comment="Nobody called me back, my number is 0612345678.")  # fmt: skip
    assert unhappy["__typename"] == "SurveyAnswered" and unhappy["reopenRequested"] is True
    assert unhappy["message"].startswith("Thank you.")
    found = stack.api.gql(REPORTS, {"f": {"reopenRequested": True}}, staff)["reports"]["edges"]
    assert english["reference"] in {e["node"]["id"] for e in found}
    report = stack.api.gql(operation("Report"), {"id": english["reference"]}, staff)["report"]
    assert "vragenlijst" in report["reopenReason"] and "0612345678" not in report["reopenReason"]
    assert _survey(stack, receipt)["__typename"] == "InvalidState"  # once per report
    assert _view(stack, receipt)["survey"] == {**view["survey"], "open": False, "answered": True}

    # Staff's own closing words are sent as written; a happy answer reopens nothing.
    dutch = _submit(stack, "De gemeente vraagt elk jaar opnieuw om dezelfde papieren voor mijn "
                           "zoon met een blijvende beperking.")  # fmt: skip
    own = "Dank u. We hebben dit besproken met de gemeente."
    assert _close(stack, dutch["reference"], closingMessage=own)["__typename"] == "ReportStatusSet"
    assert own in [m["body"] for m in _view(stack, dutch["receipt"])["messages"]["nodes"]]
    happy = _survey(stack, dutch["receipt"], understood="PARTLY", wouldReportAgain="DONT_KNOW")
    assert happy["__typename"] == "SurveyAnswered" and happy["reopenRequested"] is False

    results = stack.api.gql(operation("SurveyResults"), {}, staff)["surveyResults"]
    counts = {c["answer"]: c["count"] for c in results["satisfaction"]}
    assert results["responses"] >= 2 and results["reopenRequested"] >= 1
    assert counts["VERY_UNSATISFIED"] >= 1 and counts["SATISFIED"] >= 1
    # A reporter cannot read the results.
    denied = stack.api.post(operation("SurveyResults"), {}).json()
    assert denied["errors"][0]["extensions"]["code"] in {"UNAUTHENTICATED", "FORBIDDEN"}


def test_the_survey_is_gone_after_14_days(stack: Stack) -> None:
    report = _submit(stack, "Ik moet mijn toeslag terugbetalen omdat mijn dochter een bijbaan "
                            "had, terwijl ik dat niet kon weten.")  # fmt: skip
    _close(stack, report["reference"])
    stack.sql(f"UPDATE report SET closed_at = now() - interval '15 days' "
              f"WHERE id = '{report['reference']}'")  # fmt: skip
    late = _survey(stack, report["receipt"])
    assert late["__typename"] == "InvalidState" and "14 dagen zijn voorbij" in late["message"]
    assert _view(stack, report["receipt"])["survey"]["open"] is False
