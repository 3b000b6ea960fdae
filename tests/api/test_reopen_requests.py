"""A reporter asks to look again at a closed report; staff see it and answer by reopening."""

from __future__ import annotations

from frontend_contract import operation
from tests.stack import Stack

REPORTS = "query($f: ReportFilter) { reports(filter: $f, first: 100) { edges { node { id } } } }"


def test_a_reporter_asks_to_reopen_and_staff_find_and_reopen_it(stack: Stack) -> None:
    staff = stack.token("staff")
    submitted = stack.api.gql(
        operation("SubmitReport"),
        {"input": {"text": "Mijn aanvraag voor bijzondere bijstand voor een wasmachine is "
                           "afgewezen zonder dat iemand naar mijn situatie keek.",
                   "reporterRole": "RESIDENT", "channel": "WEB", "municipality": "GM0153"}},
    )["submitReport"]  # fmt: skip
    report_id, receipt = submitted["reference"], submitted["receipt"]

    too_early = stack.api.gql(
        operation("RequestReopen"), {"input": {"receipt": receipt, "reason": "Ik wil dat u kijkt."}}
    )["requestReopen"]
    assert too_early["__typename"] == "InvalidState"

    closed = stack.api.gql(
        operation("SetReportStatus"), {"input": {"reportId": report_id, "status": "CLOSED"}}, staff
    )["setReportStatus"]
    assert closed["__typename"] != "InvalidState", closed
    asked = stack.api.gql(
        operation("RequestReopen"),
        {"input": {"receipt": receipt, "reason": "Er is niets veranderd, bel me op 0612345678."}},
    )["requestReopen"]
    assert asked["__typename"] == "ReopenRequested"
    found = stack.api.gql(REPORTS, {"f": {"reopenRequested": True}}, staff)["reports"]["edges"]
    assert report_id in {e["node"]["id"] for e in found}
    report = stack.api.gql(operation("Report"), {"id": report_id}, staff)["report"]
    assert report["reopenRequestedAt"] and "0612345678" not in report["reopenReason"]

    stack.api.gql(
        operation("SetReportStatus"),
        {"input": {"reportId": report_id, "status": "IN_REVIEW"}},
        staff,
    )
    found = stack.api.gql(REPORTS, {"f": {"reopenRequested": True}}, staff)["reports"]["edges"]
    assert report_id not in {e["node"]["id"] for e in found}
