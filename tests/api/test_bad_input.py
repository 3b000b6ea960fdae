"""Bad input to every mutation: each answers with its typed error (code and, for InvalidInput,
the field errors), stores nothing, and never lets an invalid request cost an accepted one.

Id-based mutations get both a malformed id (InvalidInput, INVALID_VALUE on the id field) and a
well-formed id that does not exist (NotFound). State errors use real reports and a real theme
made by the worker from two reports about a topic no other test uses.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from frontend_contract import operation
from tests.stack import Stack
from tests.support import wait_until

MISSING = "00000000-0000-4000-8000-000000000000"  # well-formed, never issued
MALFORMED = "not-a-uuid"

# A valid report about a topic only this file uses (stays on its own: no duplicate, no theme).
SOLO_TEXT = (
    "Mijn aanvraag voor een urgentieverklaring bij de woningcorporatie is afgewezen omdat ik "
    "nog geen twee jaar in de regio woon. Ik slaap nu met mijn dochter bij vrienden op de bank."
)
# Sent twice, word for word: one case, one duplicate group.
DUPLICATE_TEXT = (
    "De zorgverzekeraar vergoedt mijn fysiotherapie na een hernia niet meer omdat de behandeling "
    "niet op de lijst staat. Ik kan zonder die behandeling niet lopen zonder pijn."
)
# Two people, two municipalities, one mechanism: the worker proposes a theme.
THEME_TEXTS = [
    (
        "De IND doet al veertien maanden over mijn aanvraag voor gezinshereniging. Mijn vrouw en "
        "twee kinderen wachten in een kamp en de wettelijke beslistermijn van de IND is allang "
        "verlopen. Een ingebrekestelling helpt niets.",
        "GM0153",
    ),
    (
        "Mijn man en onze dochter wachten nog steeds op de IND. De beslistermijn voor onze "
        "aanvraag voor gezinshereniging is ruim verlopen; de IND doet al meer dan een jaar over "
        "een besluit en een ingebrekestelling helpt niets.",
        "GM0080",
    ),
]


# --- helpers ---------------------------------------------------------------------------------


def _field(operation_name: str) -> str:
    return operation_name[0].lower() + operation_name[1:]


def mutate(
    stack: Stack,
    name: str,
    input: dict[str, Any],
    token: str | None = None,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Run a contract mutation; a typed result is data, so any GraphQL error fails here."""
    response = stack.api.post(operation(name), {"input": input}, token, headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert not body.get("errors"), json.dumps(body, ensure_ascii=False)
    return body["data"][_field(name)]


def assert_invalid(result: dict[str, Any], *expected: tuple[str, str]) -> None:
    assert result["__typename"] == "InvalidInput", result
    assert result["code"] == "INVALID_INPUT"
    assert result["message"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == list(expected), result
    assert all(e["message"] for e in result["errors"])


def assert_error(result: dict[str, Any], typename: str, code: str) -> None:
    assert result["__typename"] == typename, result
    assert result["code"] == code, result
    assert result["message"], result


def assert_graphql_error(stack: Stack, name: str, input: dict[str, Any], token: str | None) -> str:
    """A request that is not even valid GraphQL: an `errors` list, no data, no stack trace."""
    response = stack.api.post(operation(name), {"input": input}, token)
    body = response.json()
    assert body.get("errors"), body
    assert body.get("data") is None, body
    assert "Traceback" not in response.text and 'File "' not in response.text
    return body["errors"][0]["message"]


def count(stack: Stack, table: str) -> int:
    return int(stack.sql(f"SELECT count(*) AS n FROM {table}")[0]["n"])


def reports_containing(stack: Stack, marker: str) -> int:
    return int(
        stack.sql("SELECT count(*) AS n FROM report WHERE text LIKE $1", f"%{marker}%")[0]["n"]
    )


def report_input(**overrides: Any) -> dict[str, Any]:
    return {
        "text": SOLO_TEXT,
        "reporterRole": "RESIDENT",
        "channel": "WEB",
        "municipality": "GM0518",
        "domains": ["HUISVESTING"],
        **overrides,
    }


def submit_valid(stack: Stack, **overrides: Any) -> dict[str, Any]:
    result = mutate(stack, "SubmitReport", report_input(**overrides))
    assert result["__typename"] == "ReportSubmitted", result
    return result


def staff_report(stack: Stack, report_id: str, staff: str) -> dict[str, Any]:
    return stack.api.gql(operation("Report"), {"id": report_id}, staff)["report"]


def processed(stack: Stack, report_id: str, staff: str) -> dict[str, Any]:
    return wait_until(
        lambda: (r := staff_report(stack, report_id, staff))["processed"] and r, timeout=60
    )


def audit_actions(stack: Stack, target_id: str, staff: str) -> list[str]:
    events = stack.api.gql(operation("AuditEvents"), {"targetId": target_id}, staff)
    return [e["action"] for e in events["auditEvents"]["nodes"]]


def _client() -> dict[str, str]:
    """A client address of its own, so receipt misses here never throttle another test."""
    value = uuid.uuid4().int
    return {"X-Forwarded-For": f"198.18.{value % 250}.{(value >> 8) % 250 + 1}"}


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def staff(stack: Stack) -> str:
    return stack.token("staff", sub="staff-bad-input")


@pytest.fixture(scope="module")
def solo_report(stack: Stack, staff: str) -> dict[str, Any]:
    """A processed report that is a case of its own."""
    submitted = submit_valid(stack)
    report = processed(stack, submitted["reference"], staff)
    assert report["duplicates"]["nodes"] == [] and report["duplicateGroupId"], report
    return report


@pytest.fixture(scope="module")
def duplicate_pair(stack: Stack, staff: str) -> tuple[str, str]:
    first = submit_valid(stack, text=DUPLICATE_TEXT, municipality="GM0014", domains=["ZVW"])
    second = submit_valid(stack, text=DUPLICATE_TEXT, municipality="GM0014", domains=["ZVW"])
    processed(stack, first["reference"], staff)
    report = processed(stack, second["reference"], staff)
    assert [d["id"] for d in report["duplicates"]["nodes"]] == [first["reference"]], report
    return first["reference"], second["reference"]


# --- submitReport ----------------------------------------------------------------------------


FUTURE = (datetime.now(UTC).date() + timedelta(days=30)).isoformat()


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        pytest.param({"text": ""}, [("text", "REQUIRED")], id="empty-text"),
        pytest.param({"text": "   \n\t  "}, [("text", "REQUIRED")], id="blank-text"),
        pytest.param({"text": "Te kort verhaal."}, [("text", "TOO_SHORT")], id="too-short"),
        # 19 characters after stripping: the surrounding spaces do not count.
        pytest.param({"text": "   " + "a" * 19 + "   "}, [("text", "TOO_SHORT")], id="19-chars"),
        pytest.param({"text": "ik wacht " * 1112}, [("text", "TOO_LONG")], id="too-long"),
        pytest.param(
            {"municipality": "Amsterdam"},
            [("municipality", "INVALID_MUNICIPALITY")],
            id="municipality-name",
        ),
        pytest.param(
            {"municipality": "GM363"}, [("municipality", "INVALID_MUNICIPALITY")], id="3-digits"
        ),
        pytest.param(
            {"municipality": ""}, [("municipality", "INVALID_MUNICIPALITY")], id="no-municipality"
        ),
        pytest.param(
            {"decisionDate": FUTURE}, [("decisionDate", "DATE_IN_FUTURE")], id="future-decision"
        ),
        pytest.param({"language": "xx"}, [("language", "INVALID_VALUE")], id="unknown-language"),
        pytest.param(
            {"reporterRole": "RESIDENT", "professionalField": "WIJKTEAM"},
            [("professionalField", "INVALID_VALUE")],
            id="resident-with-professional-field",
        ),
        pytest.param(
            {"onBehalf": {"relation": "FAMILY", "consentGiven": False}},
            [("onBehalf.consentGiven", "REQUIRED")],
            id="on-behalf-without-consent",
        ),
        pytest.param(
            {
                "domains": [
                    "CJIB",
                    "DUO",
                    "IND",
                    "WLZ",
                    "ZVW",
                    "JEUGDWET",
                    "TOESLAGEN",
                    "UWV_WW",
                    "WMO_2015",
                ]
            },
            [("domains", "TOO_LONG")],
            id="nine-domains",
        ),
        pytest.param(
            {"escalatedBeforeTo": "x" * 201},
            [("escalatedBeforeTo", "TOO_LONG")],
            id="escalated-too-long",
        ),
        pytest.param(
            {"text": "kort", "municipality": "Utrecht", "decisionDate": FUTURE, "language": "de"},
            [
                ("text", "TOO_SHORT"),
                ("municipality", "INVALID_MUNICIPALITY"),
                ("decisionDate", "DATE_IN_FUTURE"),
                ("language", "INVALID_VALUE"),
            ],
            id="everything-at-once",
        ),
    ],
)
def test_submit_report_invalid_input_is_not_stored(
    stack: Stack, overrides: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    before = count(stack, "report")
    jobs = "SELECT count(*) AS n FROM outbox_job WHERE job_name = 'process_report'"
    jobs_before = stack.sql(jobs)[0]["n"]
    result = mutate(stack, "SubmitReport", report_input(**overrides))
    assert_invalid(result, *expected)
    assert count(stack, "report") == before
    assert stack.sql(jobs)[0]["n"] == jobs_before


def test_too_long_text_boundary_is_ten_thousand_characters(stack: Stack) -> None:
    marker = uuid.uuid4().hex
    text = (marker + " " + "wachten op de woningcorporatie " * 400)[:10_001]
    assert len(text) == 10_001
    before = count(stack, "report")
    assert_invalid(mutate(stack, "SubmitReport", report_input(text=text)), ("text", "TOO_LONG"))
    assert count(stack, "report") == before
    assert reports_containing(stack, marker) == 0


def test_resident_token_with_professional_field_is_refused(stack: Stack) -> None:
    resident = stack.token("resident")
    response = stack.api.post(
        operation("SubmitReport"),
        {"input": report_input(professionalField="HUISARTS", anonymous=False)},
        resident,
    )
    result = response.json()["data"]["submitReport"]
    assert_invalid(result, ("professionalField", "INVALID_VALUE"))
    my = stack.api.gql(operation("MyReports"), token=resident)["myReports"]["nodes"]
    assert my == []


def test_third_party_fraud_tip_is_refused_and_not_stored(stack: Stack, staff: str) -> None:
    tip = "Mijn buurman werkt zwart en krijgt een uitkering. Dat wil ik melden."
    before = count(stack, "report")
    for token in (None, stack.token("resident")):
        result = mutate(stack, "SubmitReport", report_input(text=tip), token)
        assert_error(result, "ReportRefused", "NOT_A_FRAUD_HOTLINE")
        assert "receipt" not in result and "reference" not in result
    assert count(stack, "report") == before
    assert reports_containing(stack, "buurman werkt zwart") == 0
    found = stack.api.gql(
        operation("Reports"), {"filter": {"search": "buurman zwart"}, "first": 50}, staff
    )["reports"]["edges"]
    assert [e for e in found if "buurman" in e["node"]["maskedText"]] == []


def test_graphql_type_errors_answer_without_a_stack_trace(stack: Stack) -> None:
    before = count(stack, "report")
    assert_graphql_error(stack, "SubmitReport", report_input(channel="BOGUS"), None)
    assert_graphql_error(stack, "SubmitReport", report_input(reporterRole="MAYOR"), None)
    assert_graphql_error(stack, "SubmitReport", report_input(decisionDate="2024-13-45"), None)
    assert_graphql_error(stack, "SubmitReport", report_input(domains=["ASTROLOGIE"]), None)
    missing = report_input()
    del missing["text"]
    assert_graphql_error(stack, "SubmitReport", missing, None)
    assert_graphql_error(stack, "SubmitReport", report_input(text=None), None)
    assert count(stack, "report") == before


def test_graphql_type_error_names_the_wrong_value(stack: Stack) -> None:
    message = assert_graphql_error(stack, "SubmitReport", report_input(channel="BOGUS"), None)
    assert "BOGUS" in message and "Channel" in message


def test_valid_report_after_invalid_ones_is_accepted_and_kept(stack: Stack, staff: str) -> None:
    marker = f"kenmerk{uuid.uuid4().hex[:10]}"
    text = (
        "Bij de woningcorporatie kreeg ik te horen dat mijn inschrijfduur is vervallen omdat ik "
        f"een brief over de verlenging niet kreeg. Ik sta weer onderaan de lijst. {marker}"
    )
    before = count(stack, "report")
    assert mutate(stack, "SubmitReport", report_input(text=text, municipality="Den Haag"))[
        "__typename"
    ] == ("InvalidInput")
    assert_graphql_error(stack, "SubmitReport", report_input(text=text, channel="BOGUS"), None)
    assert mutate(stack, "SubmitReport", report_input(text=text, decisionDate=FUTURE))[
        "__typename"
    ] == ("InvalidInput")
    assert count(stack, "report") == before and reports_containing(stack, marker) == 0

    accepted = submit_valid(stack, text=text, municipality="gm0599")
    assert accepted["status"] == "RECEIVED"
    assert accepted["receipt"] and len(accepted["receipt"].replace(" ", "")) == 16
    assert count(stack, "report") == before + 1
    assert reports_containing(stack, marker) == 1
    stored = staff_report(stack, accepted["reference"], staff)
    assert stored["municipality"] == "GM0599"  # normalised, not refused
    assert marker in stored["maskedText"]
    view = stack.api.gql(operation("ReportByReceipt"), {"receipt": accepted["receipt"]})
    assert view["reportByReceipt"]["reference"] == accepted["reference"]


def test_municipality_code_with_non_ascii_digits_is_refused(stack: Stack) -> None:
    marker = f"kenmerk{uuid.uuid4().hex[:10]}"
    text = (
        "Het CAK rekent mijn eigen bijdrage voor de Wlz dubbel af omdat de zorgaanbieder de "
        f"verkeerde begindatum doorgaf. {marker}"
    )
    result = mutate(stack, "SubmitReport", report_input(text=text, municipality="GM٠٣٦٣"))
    assert_invalid(result, ("municipality", "INVALID_MUNICIPALITY"))


def test_text_with_a_nul_character_is_invalid_input_not_an_internal_error(stack: Stack) -> None:
    response = stack.api.post(
        operation("SubmitReport"),
        {
            "input": report_input(
                text="Mijn uitkering is gestopt\u0000 zonder dat ik een brief kreeg."
            )
        },
    )
    assert "Traceback" not in response.text
    body = response.json()
    assert not body.get("errors"), body
    assert body["data"]["submitReport"]["__typename"] == "InvalidInput"


# --- replyToFeedback -------------------------------------------------------------------------


def test_reply_to_feedback_bad_input(stack: Stack, solo_report: dict[str, Any]) -> None:
    resident = stack.token("resident")
    before = count(stack, "feedback_message")
    receipt = "1234 5678 9012 3456"
    cases: list[tuple[dict[str, Any], list[tuple[str, str]]]] = [
        ({"body": "", "receipt": receipt}, [("body", "REQUIRED")]),
        ({"body": "x", "receipt": receipt}, [("body", "TOO_SHORT")]),
        ({"body": "dank u " * 715, "receipt": receipt}, [("body", "TOO_LONG")]),
        ({"body": "Dank u wel."}, [("receipt", "REQUIRED")]),
        (
            {"body": "", "receipt": None, "reportId": None},
            [("body", "REQUIRED"), ("receipt", "REQUIRED")],
        ),
        (
            {"body": "Dank u wel.", "receipt": receipt, "inReplyToId": MALFORMED},
            [("inReplyToId", "INVALID_VALUE")],
        ),
    ]
    for input, expected in cases:
        assert_invalid(mutate(stack, "ReplyToFeedback", input, headers=_client()), *expected)
    malformed = mutate(
        stack, "ReplyToFeedback", {"body": "Dank u wel.", "reportId": MALFORMED}, resident
    )
    assert_invalid(malformed, ("reportId", "INVALID_VALUE"))

    wrong_receipt = mutate(
        stack, "ReplyToFeedback", {"body": "Dank u wel.", "receipt": receipt}, headers=_client()
    )
    assert_error(wrong_receipt, "NotFound", "INVALID_RECEIPT")
    garbage_receipt = mutate(
        stack, "ReplyToFeedback", {"body": "Dank u wel.", "receipt": "abc"}, headers=_client()
    )
    assert_error(garbage_receipt, "NotFound", "INVALID_RECEIPT")
    missing = mutate(
        stack, "ReplyToFeedback", {"body": "Dank u wel.", "reportId": MISSING}, resident
    )
    assert_error(missing, "NotFound", "NOT_FOUND")
    # Somebody else's (anonymous) report: the same answer as a missing one.
    not_mine = {"body": "Dank u wel.", "reportId": solo_report["id"]}
    assert_error(mutate(stack, "ReplyToFeedback", not_mine, resident), "NotFound", "NOT_FOUND")
    assert_error(mutate(stack, "ReplyToFeedback", not_mine), "NotFound", "NOT_FOUND")
    assert count(stack, "feedback_message") == before


def test_reply_cannot_point_at_a_message_for_another_report(stack: Stack, staff: str) -> None:
    """inReplyToId must name a message this reporter can read; another report's message is
    answered exactly like a missing one, and nothing is stored."""
    theirs = submit_valid(
        stack,
        text="Mijn zoon krijgt geen leerlingenvervoer meer omdat de school net buiten de grens "
        "van de gemeente ligt. Hij fietst nu elke dag twee uur.",
    )
    sent = mutate(
        stack,
        "SendFeedback",
        {"reportId": theirs["reference"], "body": "Kunt u vertellen wanneer het besluit kwam?"},
        staff,
    )
    assert sent["__typename"] == "FeedbackSent", sent
    other_message = sent["feedback"]["id"]

    mine = submit_valid(
        stack,
        text="De gemeente stuurt mijn post over de kwijtschelding steeds naar mijn oude adres. "
        "Daardoor mis ik elke termijn en krijg ik een aanmaning met extra kosten.",
    )
    before = count(stack, "feedback_message")
    foreign = {"body": "Dank u wel.", "receipt": mine["receipt"], "inReplyToId": other_message}
    assert_error(
        mutate(stack, "ReplyToFeedback", foreign, headers=_client()), "NotFound", "NOT_FOUND"
    )
    assert count(stack, "feedback_message") == before
    plain = {"body": "Dank u wel.", "receipt": mine["receipt"]}
    assert mutate(stack, "ReplyToFeedback", plain, headers=_client())["__typename"] == "ReplySent"


# --- staff mutations on reports --------------------------------------------------------------


def test_set_report_status_bad_input(stack: Stack, staff: str, solo_report: dict[str, Any]) -> None:
    assert_invalid(
        mutate(stack, "SetReportStatus", {"reportId": MALFORMED, "status": "CLOSED"}, staff),
        ("reportId", "INVALID_VALUE"),
    )
    assert_error(
        mutate(stack, "SetReportStatus", {"reportId": MISSING, "status": "CLOSED"}, staff),
        "NotFound",
        "NOT_FOUND",
    )
    too_long = {"reportId": solo_report["id"], "status": "CLOSED", "note": "n" * 2001}
    assert_invalid(mutate(stack, "SetReportStatus", too_long, staff), ("note", "TOO_LONG"))
    both = {"reportId": MALFORMED, "status": "CLOSED", "note": "n" * 2001}
    assert_invalid(
        mutate(stack, "SetReportStatus", both, staff),
        ("reportId", "INVALID_VALUE"),
        ("note", "TOO_LONG"),
    )
    assert_graphql_error(
        stack, "SetReportStatus", {"reportId": solo_report["id"], "status": "BOGUS"}, staff
    )
    status = stack.sql("SELECT status FROM report WHERE id = $1::uuid", solo_report["id"])
    assert status[0]["status"] != "CLOSED"
    assert "report.status_set" not in audit_actions(stack, solo_report["id"], staff)


def test_merge_duplicates_bad_input(
    stack: Stack, staff: str, solo_report: dict[str, Any], duplicate_pair: tuple[str, str]
) -> None:
    assert_invalid(
        mutate(stack, "MergeDuplicates", {"reportId": MALFORMED, "intoReportId": "42"}, staff),
        ("reportId", "INVALID_VALUE"),
        ("intoReportId", "INVALID_VALUE"),
    )
    same = {"reportId": solo_report["id"], "intoReportId": solo_report["id"].upper()}
    assert_invalid(mutate(stack, "MergeDuplicates", same, staff), ("intoReportId", "INVALID_VALUE"))
    for pair in (
        {"reportId": MISSING, "intoReportId": solo_report["id"]},
        {"reportId": solo_report["id"], "intoReportId": MISSING},
    ):
        assert_error(mutate(stack, "MergeDuplicates", pair, staff), "NotFound", "NOT_FOUND")
    first, second = duplicate_pair
    already = mutate(stack, "MergeDuplicates", {"reportId": second, "intoReportId": first}, staff)
    assert_error(already, "InvalidState", "INVALID_STATE")
    assert staff_report(stack, solo_report["id"], staff)["duplicates"]["nodes"] == []
    assert "report.duplicates_merged" not in audit_actions(stack, second, staff)


def test_unmerge_duplicate_bad_input(stack: Stack, staff: str, solo_report: dict[str, Any]) -> None:
    assert_invalid(
        mutate(stack, "UnmergeDuplicate", {"reportId": MALFORMED}, staff),
        ("reportId", "INVALID_VALUE"),
    )
    assert_invalid(
        mutate(stack, "UnmergeDuplicate", {"reportId": ""}, staff), ("reportId", "INVALID_VALUE")
    )
    assert_error(
        mutate(stack, "UnmergeDuplicate", {"reportId": MISSING}, staff), "NotFound", "NOT_FOUND"
    )
    alone = mutate(stack, "UnmergeDuplicate", {"reportId": solo_report["id"]}, staff)
    assert_error(alone, "InvalidState", "INVALID_STATE")
    after = staff_report(stack, solo_report["id"], staff)
    assert after["duplicateGroupId"] == solo_report["duplicateGroupId"]


def test_move_report_to_theme_bad_input(
    stack: Stack, staff: str, solo_report: dict[str, Any]
) -> None:
    assert_invalid(
        mutate(stack, "MoveReportToTheme", {"reportId": MALFORMED, "themeId": "x"}, staff),
        ("reportId", "INVALID_VALUE"),
        ("themeId", "INVALID_VALUE"),
    )
    assert_invalid(
        mutate(stack, "MoveReportToTheme", {"reportId": solo_report["id"], "themeId": "x"}, staff),
        ("themeId", "INVALID_VALUE"),
    )
    assert_error(
        mutate(stack, "MoveReportToTheme", {"reportId": MISSING, "themeId": MISSING}, staff),
        "NotFound",
        "NOT_FOUND",
    )
    missing_theme = {"reportId": solo_report["id"], "themeId": MISSING}
    assert_error(mutate(stack, "MoveReportToTheme", missing_theme, staff), "NotFound", "NOT_FOUND")
    # Not placed by staff: discovery may still give the case a theme of its own meanwhile.
    after = staff_report(stack, solo_report["id"], staff)
    assert (after["themeEvidence"] or {}).get("kind") != "STAFF", after
    assert (after["theme"] or {}).get("id") != MISSING


# --- staff mutations on themes (ids only) ----------------------------------------------------


def test_theme_mutations_with_malformed_or_missing_ids(stack: Stack, staff: str) -> None:
    assert_invalid(
        mutate(stack, "RenameTheme", {"themeId": MALFORMED, "label": "ab"}, staff),
        ("themeId", "INVALID_VALUE"),
        ("label", "TOO_SHORT"),
    )
    assert_invalid(
        mutate(stack, "RenameTheme", {"themeId": MISSING, "label": "  "}, staff),
        ("label", "REQUIRED"),
    )
    assert_invalid(
        mutate(stack, "RenameTheme", {"themeId": MISSING, "label": "L" * 201}, staff),
        ("label", "TOO_LONG"),
    )
    assert_error(
        mutate(stack, "RenameTheme", {"themeId": MISSING, "label": "Een goede naam"}, staff),
        "NotFound",
        "NOT_FOUND",
    )

    assert_invalid(
        mutate(stack, "ConfirmTheme", {"themeId": MALFORMED}, staff), ("themeId", "INVALID_VALUE")
    )
    assert_error(
        mutate(stack, "ConfirmTheme", {"themeId": MISSING, "solutionLevel": "UITVOERING"}, staff),
        "NotFound",
        "NOT_FOUND",
    )
    assert_graphql_error(
        stack, "ConfirmTheme", {"themeId": MISSING, "solutionLevel": "BOGUS"}, staff
    )

    assert_invalid(
        mutate(stack, "MergeThemes", {"themeId": MALFORMED, "intoThemeId": MALFORMED}, staff),
        ("themeId", "INVALID_VALUE"),
        ("intoThemeId", "INVALID_VALUE"),
    )
    assert_invalid(
        mutate(stack, "MergeThemes", {"themeId": MISSING, "intoThemeId": MISSING}, staff),
        ("intoThemeId", "INVALID_VALUE"),
    )
    other = str(uuid.uuid4())
    assert_error(
        mutate(stack, "MergeThemes", {"themeId": MISSING, "intoThemeId": other}, staff),
        "NotFound",
        "NOT_FOUND",
    )

    assert_invalid(
        mutate(stack, "SplitTheme", {"themeId": MALFORMED, "reportIds": [], "label": ""}, staff),
        ("themeId", "INVALID_VALUE"),
        ("label", "REQUIRED"),
        ("reportIds", "REQUIRED"),
    )
    assert_invalid(
        mutate(
            stack,
            "SplitTheme",
            {"themeId": MISSING, "reportIds": [MALFORMED], "label": "Nieuw thema"},
            staff,
        ),
        ("reportIds", "INVALID_VALUE"),
    )
    assert_invalid(
        mutate(
            stack,
            "SplitTheme",
            {"themeId": MISSING, "reportIds": [MISSING] * 501, "label": "Nieuw thema"},
            staff,
        ),
        ("reportIds", "TOO_LONG"),
    )
    assert_error(
        mutate(
            stack,
            "SplitTheme",
            {"themeId": MISSING, "reportIds": [MISSING], "label": "Nieuw thema"},
            staff,
        ),
        "NotFound",
        "NOT_FOUND",
    )


def test_send_feedback_bad_input(stack: Stack, staff: str, solo_report: dict[str, Any]) -> None:
    before = count(stack, "feedback_message")
    body = "Wij hebben uw signaal gelezen."
    cases: list[tuple[dict[str, Any], list[tuple[str, str]]]] = [
        ({"body": body}, [("reportId", "REQUIRED")]),
        (
            {"body": body, "reportId": solo_report["id"], "themeId": MISSING},
            [("reportId", "REQUIRED")],
        ),
        ({"body": "Dag", "reportId": solo_report["id"]}, [("body", "TOO_SHORT")]),
        ({"body": "", "reportId": solo_report["id"]}, [("body", "REQUIRED")]),
        ({"body": "b" * 5001, "reportId": solo_report["id"]}, [("body", "TOO_LONG")]),
        ({"body": body, "reportId": MALFORMED}, [("reportId", "INVALID_VALUE")]),
        ({"body": body, "themeId": MALFORMED}, [("themeId", "INVALID_VALUE")]),
    ]
    for input, expected in cases:
        assert_invalid(mutate(stack, "SendFeedback", input, staff), *expected)
    for input in ({"body": body, "reportId": MISSING}, {"body": body, "themeId": MISSING}):
        assert_error(mutate(stack, "SendFeedback", input, staff), "NotFound", "NOT_FOUND")
    assert count(stack, "feedback_message") == before
    assert staff_report(stack, solo_report["id"], staff)["messages"]["nodes"] == []


# --- referrals (ids only) --------------------------------------------------------------------


REFERRAL = {
    "addressee": "VNG",
    "bottleneck": "Gezinnen wachten meer dan een jaar op een besluit over gezinshereniging.",
    "proposedSolution": "De beslistermijn handhaven en dwangsommen automatisch uitkeren.",
    "proposedResponsibility": "Het Rijk en de IND; gemeenten signaleren knelpunten.",
}


def test_referral_mutations_with_malformed_or_missing_ids(stack: Stack, staff: str) -> None:
    before = count(stack, "referral")
    assert_invalid(
        mutate(
            stack,
            "ReferTheme",
            {
                **REFERRAL,
                "themeId": MALFORMED,
                "bottleneck": "",
                "proposedSolution": " ",
                "proposedResponsibility": "",
            },
            staff,
        ),
        ("themeId", "INVALID_VALUE"),
        ("bottleneck", "REQUIRED"),
        ("proposedSolution", "REQUIRED"),
        ("proposedResponsibility", "REQUIRED"),
    )
    assert_invalid(
        mutate(
            stack,
            "ReferTheme",
            {**REFERRAL, "themeId": MISSING, "proposedSolution": "Kort", "bottleneck": "k" * 5001},
            staff,
        ),
        ("bottleneck", "TOO_LONG"),
        ("proposedSolution", "TOO_SHORT"),
    )
    assert_error(
        mutate(stack, "ReferTheme", {**REFERRAL, "themeId": MISSING}, staff),
        "NotFound",
        "NOT_FOUND",
    )
    assert_graphql_error(
        stack, "ReferTheme", {**REFERRAL, "themeId": MISSING, "addressee": "BOGUS"}, staff
    )

    assert_invalid(
        mutate(stack, "ApproveReferral", {"referralId": MALFORMED}, staff),
        ("referralId", "INVALID_VALUE"),
    )
    assert_error(
        mutate(stack, "ApproveReferral", {"referralId": MISSING}, staff), "NotFound", "NOT_FOUND"
    )

    vng = stack.token("partner", partner="VNG")
    assert_invalid(
        mutate(stack, "AcknowledgeReferral", {"referralId": MALFORMED}, vng),
        ("referralId", "INVALID_VALUE"),
    )
    assert_invalid(
        mutate(
            stack,
            "AcknowledgeReferral",
            {"referralId": MISSING, "partnerReference": "R" * 201},
            vng,
        ),
        ("partnerReference", "TOO_LONG"),
    )
    assert_error(
        mutate(stack, "AcknowledgeReferral", {"referralId": MISSING}, vng), "NotFound", "NOT_FOUND"
    )

    assert_invalid(
        mutate(stack, "AnswerReferral", {"referralId": MALFORMED, "answer": "Goed"}, vng),
        ("referralId", "INVALID_VALUE"),
        ("answer", "TOO_SHORT"),
    )
    assert_invalid(
        mutate(stack, "AnswerReferral", {"referralId": MISSING, "answer": ""}, vng),
        ("answer", "REQUIRED"),
    )
    assert_invalid(
        mutate(stack, "AnswerReferral", {"referralId": MISSING, "answer": "a" * 10_001}, vng),
        ("answer", "TOO_LONG"),
    )
    answer = {"referralId": MISSING, "answer": "Wij nemen dit mee in ons overleg."}
    assert_error(mutate(stack, "AnswerReferral", answer, vng), "NotFound", "NOT_FOUND")
    assert count(stack, "referral") == before


# --- a real theme: wrong states --------------------------------------------------------------


def test_theme_and_referral_mutations_refuse_wrong_states(
    stack: Stack, staff: str, solo_report: dict[str, Any]
) -> None:
    submitted = [
        submit_valid(
            stack,
            text=text,
            municipality=code,
            domains=["IND"],
            consent={"includeInReferral": True},
        )
        for text, code in THEME_TEXTS
    ]
    ids = [s["reference"] for s in submitted]

    def themed() -> list[dict[str, Any]] | None:
        reports = [staff_report(stack, i, staff) for i in ids]
        return reports if all(r["processed"] and r["theme"] for r in reports) else None

    reports = wait_until(themed, timeout=90)
    theme_id = reports[0]["theme"]["id"]
    assert reports[1]["theme"]["id"] == theme_id
    assert reports[0]["theme"]["status"] == "PROPOSED"
    label = reports[0]["theme"]["label"]

    # Proposed, not confirmed: no referral yet.
    proposed = mutate(stack, "ReferTheme", {**REFERRAL, "themeId": theme_id}, staff)
    assert_error(proposed, "InvalidState", "INVALID_STATE")
    short = mutate(
        stack, "ReferTheme", {**REFERRAL, "themeId": theme_id, "bottleneck": "Te lang"}, staff
    )
    assert_invalid(short, ("bottleneck", "TOO_SHORT"))

    # Rename with a bad label changes nothing.
    assert_invalid(
        mutate(stack, "RenameTheme", {"themeId": theme_id, "label": "ab"}, staff),
        ("label", "TOO_SHORT"),
    )
    feedback = {"themeId": theme_id, "body": "Hoi"}
    assert_invalid(mutate(stack, "SendFeedback", feedback, staff), ("body", "TOO_SHORT"))

    # Split: every report, or one that is not in the theme.
    def split(report_ids: list[str]) -> dict[str, Any]:
        return mutate(
            stack,
            "SplitTheme",
            {"themeId": theme_id, "reportIds": report_ids, "label": "Afgesplitst"},
            staff,
        )

    assert_error(split(ids), "InvalidState", "INVALID_STATE")
    assert_error(split([solo_report["id"]]), "NotFound", "NOT_FOUND")
    assert_error(split([MISSING]), "NotFound", "NOT_FOUND")
    theme = stack.api.gql(operation("Theme"), {"id": theme_id, "first": 10}, staff)["theme"]
    assert theme["label"] == label and theme["labelLocked"] is False
    assert {r["id"] for r in theme["reports"]["nodes"]} == set(ids)
    assert theme["messages"]["nodes"] == []

    # A merged-away theme is closed for changes.
    made = split(ids[:1])
    assert made["__typename"] == "ThemeSplit", made
    side_id = made["newTheme"]["id"]
    merged = mutate(stack, "MergeThemes", {"themeId": side_id, "intoThemeId": theme_id}, staff)
    assert merged["__typename"] == "ThemesMerged", merged
    assert_invalid(
        mutate(stack, "MergeThemes", {"themeId": theme_id, "intoThemeId": theme_id}, staff),
        ("intoThemeId", "INVALID_VALUE"),
    )
    for name, input in (
        ("ConfirmTheme", {"themeId": side_id}),
        ("MoveReportToTheme", {"reportId": ids[1], "themeId": side_id}),
        ("MergeThemes", {"themeId": side_id, "intoThemeId": theme_id}),
        ("MergeThemes", {"themeId": theme_id, "intoThemeId": side_id}),
        ("SplitTheme", {"themeId": side_id, "reportIds": [ids[0]], "label": "Weer apart"}),
    ):
        assert_error(mutate(stack, name, input, staff), "InvalidState", "INVALID_STATE")
    side = stack.api.gql(operation("Theme"), {"id": side_id, "first": 5}, staff)["theme"]
    assert side["status"] == "MERGED" and side["mergedIntoId"] == theme_id
    assert {staff_report(stack, i, staff)["theme"]["id"] for i in ids} == {theme_id}

    # Confirmed: a first referral is prepared, a second to the same partner is refused.
    confirmed = mutate(stack, "ConfirmTheme", {"themeId": theme_id}, staff)
    assert confirmed["theme"]["status"] == "CONFIRMED"
    assert_invalid(
        mutate(stack, "ReferTheme", {**REFERRAL, "themeId": theme_id, "bottleneck": "Kort"}, staff),
        ("bottleneck", "TOO_SHORT"),
    )
    prepared = mutate(stack, "ReferTheme", {**REFERRAL, "themeId": theme_id}, staff)
    assert prepared["__typename"] == "ReferralPrepared", prepared
    referral_id = prepared["referral"]["id"]
    again = mutate(stack, "ReferTheme", {**REFERRAL, "themeId": theme_id}, staff)
    assert_error(again, "InvalidState", "INVALID_STATE")

    # Four eyes; and partners cannot act on a referral that was never sent.
    own = mutate(stack, "ApproveReferral", {"referralId": referral_id}, staff)
    assert_error(own, "FourEyesRequired", "FOUR_EYES_REQUIRED")
    vng = stack.token("partner", partner="VNG")
    ombudsman = stack.token("partner", partner="NATIONALE_OMBUDSMAN")
    answer = {"referralId": referral_id, "answer": "Wij pakken dit knelpunt op met de IND."}
    assert_error(
        mutate(stack, "AcknowledgeReferral", {"referralId": referral_id}, vng),
        "InvalidState",
        "INVALID_STATE",
    )
    assert_error(mutate(stack, "AnswerReferral", answer, vng), "InvalidState", "INVALID_STATE")
    assert_error(
        mutate(stack, "AcknowledgeReferral", {"referralId": referral_id}, ombudsman),
        "NotFound",
        "NOT_FOUND",
    )
    assert_error(mutate(stack, "AnswerReferral", answer, ombudsman), "NotFound", "NOT_FOUND")
    referral = stack.api.gql(operation("Referral"), {"id": referral_id}, staff)["referral"]
    assert referral["status"] == "AWAITING_APPROVAL"
    assert referral["approvedBy"] is None and referral["answer"] is None
    assert referral["acknowledgedAt"] is None
    assert (
        stack.sql("SELECT count(*) AS n FROM referral WHERE theme_id = $1::uuid", theme_id)[0]["n"]
        == 1
    )
