"""The API speaks the reporter's language: the report's `language`, else the request's
`Accept-Language`, else Dutch — for answers, field errors, labels, notices and refusals."""

from __future__ import annotations

from typing import Any

from frontend_contract import operation
from tests.stack import Stack

STORY_EN = (
    "The municipality stopped my social assistance because my mother does my shopping. "
    "I want to object to that decision, it is not fair."
)


def _submit(stack: Stack, headers: dict[str, str] | None = None, **input: Any) -> dict[str, Any]:
    variables = {"input": {"reporterRole": "RESIDENT", "channel": "WEB",
                           "municipality": "GM0344", **input}}  # fmt: skip
    response = stack.api.post(operation("SubmitReport"), variables, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["data"]["submitReport"]


def _by_receipt(
    stack: Stack, receipt: str, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    response = stack.api.post(operation("ReportByReceipt"), {"receipt": receipt}, headers=headers)
    return response.json()["data"]["reportByReceipt"]


def test_a_report_in_english_is_answered_in_english_and_followed_up_in_english(
    stack: Stack,
) -> None:
    answer = _submit(stack, text=STORY_EN + " I ask: bezwaar maken?", language="en",
                     decisionDate="2026-11-20")  # fmt: skip
    assert answer["__typename"] == "ReportSubmitted"
    assert answer["statusLabel"] == "Received"
    assert answer["message"].startswith("Thank you.") and "receipt code" in answer["message"]
    # Without a header, the follow-up speaks the report's language. (The worker may have
    # placed the report in a theme meanwhile: the label is checked for the status it has.)
    english, dutch_labels = _status_labels(stack, "en"), _status_labels(stack, "nl")
    found = _by_receipt(stack, answer["receipt"])
    assert found["__typename"] == "ReporterView"
    assert found["statusLabel"] == english[found["status"]] != dutch_labels[found["status"]]
    # A request that asks for Dutch gets Dutch.
    dutch = _by_receipt(stack, answer["receipt"], {"Accept-Language": "nl-NL,nl;q=0.9"})
    assert dutch["statusLabel"] == dutch_labels[dutch["status"]]


def _status_labels(stack: Stack, language: str) -> dict[str, str]:
    taxonomy = stack.api.post(operation("Taxonomy"), headers={"Accept-Language": language})
    return {s["status"]: s["label"] for s in taxonomy.json()["data"]["taxonomy"]["reportStatuses"]}


def test_the_formal_route_and_its_deadline_are_explained_in_english(stack: Stack) -> None:
    answer = _submit(stack, text="Ik wil in bezwaar tegen het besluit over mijn bijstand, de "
                     "gemeente stopte alles.", language="en", decisionDate="2026-11-20")  # fmt: skip
    notice = answer["formalRoute"]
    assert notice["route"] == "OBJECTION" and "objection" in notice["message"]
    assert "Let op" not in notice["message"] and notice["deadline"].startswith("2027-01")
    assert "January" in notice["message"] and "2027" in notice["message"]


def test_accept_language_is_the_language_when_the_report_names_none(stack: Stack) -> None:
    english = {"Accept-Language": "en-GB,en;q=0.8"}
    short = _submit(stack, english, text="Too short.")
    assert short["__typename"] == "InvalidInput"
    assert short["message"].startswith("Not everything is filled in correctly")
    assert short["errors"][0]["code"] == "TOO_SHORT"
    assert short["errors"][0]["message"] == "Write at least 20 characters for your story."
    municipality = _submit(stack, english, text=STORY_EN, municipality="Amsterdam")
    assert municipality["errors"][0]["message"].startswith("Use the municipality's CBS code")
    taken = _submit(stack, english, text=STORY_EN)
    assert taken["__typename"] == "ReportSubmitted" and taken["statusLabel"] == "Received"
    followed = _by_receipt(stack, taken["receipt"])
    assert followed["statusLabel"] == _status_labels(stack, "en")[followed["status"]]
    unknown = _by_receipt(stack, "1234 5678 9012 3456", english)
    assert unknown["code"] == "INVALID_RECEIPT" and unknown["message"].startswith("We cannot find")
    # No header and no language: Dutch, as before.
    dutch = _submit(stack, text="Te kort.")
    assert dutch["errors"][0]["message"] == "Schrijf bij uw verhaal minstens 20 tekens."


def test_an_english_fraud_tip_is_refused_in_english_and_help_numbers_are_english(
    stack: Stack,
) -> None:
    tip = _submit(stack, text="My neighbour works cash in hand while he gets benefits, I want "
                  "to report him.", language="en")  # fmt: skip
    assert tip["__typename"] == "ReportRefused" and tip["code"] == "NOT_A_FRAUD_HOTLINE"
    assert tip["message"].startswith("We do not take this report.")
    urgent = _submit(stack, text="Since the municipality stopped my benefit I cannot pay the "
                     "rent and I want to end my life.", language="en")  # fmt: skip
    assert urgent["message"].startswith("Thank you.") and "urgent" in urgent["message"]
    assert urgent["helpNumbers"][0] == {"name": "Emergency number", "number": "112",
                                        "when": "If you are in danger now."}  # fmt: skip
    taxonomy = stack.api.post(operation("Taxonomy"), headers={"Accept-Language": "en"}).json()
    labels = {d["domain"]: d["label"] for d in taxonomy["data"]["taxonomy"]["domains"]}
    assert labels["PARTICIPATIEWET"] == "Participation Act (social assistance)"
