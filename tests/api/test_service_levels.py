"""The first answer to a reporter has a due date; overdue work is one filter away; a staff
message stops the clock."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from typing import Any

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


def _submit(stack: Stack, text: str, urgency: list[str] | None = None) -> dict[str, Any]:
    return stack.api.gql(operation("SubmitReport"), {"input": {
        "text": text, "reporterRole": "RESIDENT", "channel": "WEB", "municipality": "GM0202",
        "urgencyFlags": urgency or []}})["submitReport"]  # fmt: skip


def _service_levels(stack: Stack) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "signaalpunt", "service-levels"],
        env={**os.environ, **stack.env}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_triage_queue_puts_urgent_first_then_the_earliest_deadline(stack: Stack) -> None:
    staff = stack.token("staff")
    stack.sql("UPDATE report SET triaged_at = now() WHERE triaged_at IS NULL")  # a fresh queue
    older = _submit(stack, "Mijn bijstand is gestopt omdat ik een dag te laat een formulier "
                           "inleverde; nu heb ik geen geld voor de huur.")  # fmt: skip
    newer = _submit(stack, "De gemeente wil dat ik elke maand mijn bankafschriften opstuur, "
                           "ook nu er niets is veranderd.")  # fmt: skip
    urgent = _submit(stack, "Ik moet volgende week mijn huis uit omdat de huurtoeslag is "
                            "stopgezet en ik de achterstand niet kan betalen.", ["EVICTION"])  # fmt: skip
    stack.sql("UPDATE report SET triage_due = current_date + 1 WHERE id = $1::uuid",
              newer["reference"])  # fmt: skip
    stack.sql("UPDATE report SET triage_due = current_date + 3 WHERE id = $1::uuid",
              older["reference"])  # fmt: skip
    first = stack.api.gql(operation("TriageQueue"), {"first": 2}, staff)["triageQueue"]
    ids = [n["id"] for n in first["nodes"]]
    assert ids == [urgent["reference"], newer["reference"]]
    assert first["nodes"][0]["triageDue"] <= first["nodes"][1]["triageDue"]
    rest = stack.api.gql(operation("TriageQueue"), {"first": 2, "after": first["pageInfo"]["endCursor"]},
                         staff)["triageQueue"]  # fmt: skip
    assert [n["id"] for n in rest["nodes"]] == [older["reference"]]
    assert rest["pageInfo"]["hasNextPage"] is False
    # Looked at (here: reviewed) leaves the queue.
    stack.api.gql(operation("SetReportStatus"), {"input": {
        "reportId": urgent["reference"], "status": "IN_REVIEW"}}, staff)  # fmt: skip
    again = stack.api.gql(operation("TriageQueue"), {"first": 10}, staff)["triageQueue"]
    assert urgent["reference"] not in [n["id"] for n in again["nodes"]]
    # A cursor we never issued is the first page, never an error.
    odd = stack.api.gql(operation("TriageQueue"), {"after": "bm90LWEtY3Vyc29y"}, staff)
    assert odd["triageQueue"]["nodes"][0]["id"] == newer["reference"]


def test_a_question_pauses_the_clocks_and_the_daily_run_marks_what_is_late(stack: Stack) -> None:
    staff = stack.token("staff")
    waiting = _submit(stack, "Ik krijg geen kwijtschelding van de gemeentelijke belastingen "
                             "omdat mijn auto te veel waard zou zijn, maar ik heb hem nodig.")  # fmt: skip
    late = _submit(stack, "Mijn zoon krijgt geen jeugdhulp meer omdat hij achttien is, "
                          "terwijl zijn behandeling nog niet klaar is.")  # fmt: skip
    asked = stack.api.gql(operation("SendFeedback"), {"input": {
        "reportId": waiting["reference"], "awaitingReply": True,
        "body": "Hoeveel is de auto waard, en waarvoor heeft u hem nodig?"}}, staff)  # fmt: skip
    assert asked["sendFeedback"]["__typename"] == "FeedbackSent"
    # Both clocks ran out four days ago; only the one not waiting for the reporter is late.
    for report in (waiting, late):
        stack.sql("UPDATE report SET triage_due = current_date - 4, first_answer_due = "
                  "current_date - 4 WHERE id = $1::uuid", report["reference"])  # fmt: skip
    stack.sql("UPDATE report SET waiting_since = now() - interval '7 days' WHERE id = $1::uuid",
              waiting["reference"])  # fmt: skip
    assert "te laat" in _service_levels(stack)
    marked = stack.api.gql(REPORTS, {"f": {"breached": True}}, staff)["reports"]["edges"]
    assert late["reference"] in {e["node"]["id"] for e in marked}
    assert waiting["reference"] not in {e["node"]["id"] for e in marked}
    view = stack.api.gql(operation("TriageQueue"), {"first": 100}, staff)["triageQueue"]["nodes"]
    shown = {n["id"]: n for n in view}
    assert shown[late["reference"]]["breaches"]["triage"]
    assert shown[late["reference"]]["breaches"]["firstAnswer"]
    assert shown[waiting["reference"]]["waitingForReporterSince"]
    # The reporter replies: the clock resumes, moved on by the working days of the pause.
    reply = stack.api.gql(operation("ReplyToFeedback"), {"input": {
        "receipt": waiting["receipt"], "body": "Ongeveer 2.000 euro; ik heb hem nodig voor mijn werk."}})  # fmt: skip
    assert reply["replyToFeedback"]["__typename"] == "ReplySent"
    row = stack.sql("SELECT triage_due, waiting_since, current_date AS today FROM report "
                    "WHERE id = $1::uuid", waiting["reference"])[0]  # fmt: skip
    assert row["waiting_since"] is None and row["triage_due"] > row["today"] - timedelta(days=4)
    # The run is idempotent: a second run marks nothing new.
    assert "0 eerste antwoord(en), 0 triage(s)" in _service_levels(stack)
