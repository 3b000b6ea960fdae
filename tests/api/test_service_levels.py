"""The first answer to a reporter has a due date; overdue work is one filter away; a staff
message stops the clock."""

from __future__ import annotations

from frontend_contract import operation
from tests.stack import Stack

REPORTS = "query($f: ReportFilter) { reports(filter: $f, first: 100) { edges { node { id } } } }"


def test_the_first_answer_is_due_overdue_is_filtered_and_a_message_answers(stack: Stack) -> None:
    staff = stack.token("staff")
    submitted = stack.api.gql(
        operation("SubmitReport"),
        {"input": {"text": "Mijn Wajong wordt verrekend nu ik twaalf uur werk; ik hou minder "
                           "over dan zonder werk en niemand legt het uit.", "reporterRole": "RESIDENT",
                   "channel": "WEB", "municipality": "GM0202"}},
    )["submitReport"]  # fmt: skip
    report_id = submitted["reference"]
    report = stack.api.gql(operation("Report"), {"id": report_id}, staff)["report"]
    assert report["firstAnswerDue"] and report["answeredAt"] is None and report["overdue"] is False

    # Five working days cannot be waited for: the due date is moved back (see `Stack.sql`).
    stack.sql(
        "UPDATE report SET first_answer_due = current_date - 1 WHERE id = $1::uuid", report_id
    )
    overdue = stack.api.gql(REPORTS, {"f": {"overdue": True}}, staff)["reports"]["edges"]
    assert report_id in {e["node"]["id"] for e in overdue}
    assert stack.api.gql(operation("Report"), {"id": report_id}, staff)["report"]["overdue"]

    sent = stack.api.gql(
        operation("SendFeedback"),
        {"input": {"reportId": report_id, "body": "We hebben uw signaal gelezen en zoeken het uit."}},
        staff,
    )["sendFeedback"]  # fmt: skip
    assert sent["__typename"] == "FeedbackSent"
    after = stack.api.gql(operation("Report"), {"id": report_id}, staff)["report"]
    assert after["answeredAt"] and after["overdue"] is False
    overdue = stack.api.gql(REPORTS, {"f": {"overdue": True}}, staff)["reports"]["edges"]
    assert report_id not in {e["node"]["id"] for e in overdue}
