"""An urgent report: the reporter is given the help numbers at once, triage sees the flag."""

from __future__ import annotations

from frontend_contract import operation
from tests.stack import Stack


def test_a_report_that_shows_danger_gets_help_numbers_and_is_flagged(stack: Stack) -> None:
    text = (
        "Ik kan de huur niet meer betalen sinds de gemeente mijn uitkering stopte. Ik zie het "
        "niet meer zitten en denk soms aan zelfmoord. Niemand belt mij terug."
    )
    answer = stack.api.gql(
        operation("SubmitReport"),
        {"input": {"text": text, "reporterRole": "RESIDENT", "channel": "WEB",
                   "municipality": "GM0344"}},
    )["submitReport"]  # fmt: skip
    assert answer["__typename"] == "ReportSubmitted"
    assert [h["number"] for h in answer["helpNumbers"]] == ["112", "0800-0113"]
    assert "dringend" in answer["message"] and answer["receipt"]
    staff = stack.token("staff")
    report = stack.api.gql(operation("Report"), {"id": answer["reference"]}, staff)["report"]
    assert "SUICIDE_RISK" in report["urgencyFlags"]

    ordinary = stack.api.gql(
        operation("SubmitReport"),
        {"input": {"text": "De gemeente vordert 300 euro bijstand terug omdat mijn moeder "
                           "boodschappen voor mij doet. Dat vind ik niet eerlijk.",
                   "reporterRole": "RESIDENT", "channel": "WEB", "municipality": "GM0344"}},
    )["submitReport"]  # fmt: skip
    assert ordinary["helpNumbers"] == []
