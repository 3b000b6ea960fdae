"""A referral's lifecycle beyond the happy path: a delivery that keeps failing ends as
DELIVERY_FAILED, staff retry it, and a referral never reopens a report that was closed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from frontend_contract import operation
from signaalpunt.harness import Servers
from tests.stack import Stack, start_process_stack
from tests.support import wait_until

TEXTS = [
    (
        "Mijn CAK-bijdrage voor de Wlz is zo hoog sinds mijn man in het verpleeghuis woont dat "
        "ik thuis van 640 euro per maand moet leven. Ik kan de huur bijna niet meer betalen.",
        "GM0193",
    ),
    (
        "Sinds mijn vrouw in het verpleeghuis is opgenomen betalen we een hoge eigen bijdrage "
        "aan het CAK voor de Wlz. Ik houd thuis te weinig over voor huur en boodschappen.",
        "GM0202",
    ),
    (
        "De eigen bijdrage Wlz via het CAK voor mijn moeder in het verpleeghuis laat mijn vader "
        "thuis met te weinig geld achter. Hij kan de vaste lasten niet meer betalen.",
        "GM0307",
    ),
]
REFERRAL = {
    "addressee": "NATIONALE_OMBUDSMAN",
    "bottleneck": "De eigen bijdrage Wlz laat de thuiswonende partner met te weinig over.",
    "proposedSolution": "Een hogere vrijstelling voor de partner die thuis blijft wonen.",
    "proposedResponsibility": "Het Rijk past de regels van de eigen bijdrage aan.",
}


@pytest.fixture(scope="module")
def stack(real_servers: Servers, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with start_process_stack(
        real_servers, tmp_path_factory.mktemp("lifecycle"), SIGNAALPUNT_DELIVERY_MAX_TRIES="2"
    ) as found:
        yield found


def _submit(stack: Stack, text: str, municipality: str) -> dict[str, Any]:
    return stack.api.gql(
        operation("SubmitReport"),
        {"input": {"text": text, "reporterRole": "RESIDENT", "channel": "WEB",
                   "municipality": municipality, "domains": ["WLZ"]}},
    )["submitReport"]  # fmt: skip


def _report(stack: Stack, report_id: str, staff: str) -> dict[str, Any]:
    return stack.api.gql(operation("Report"), {"id": report_id}, staff)["report"]


def _referral(stack: Stack, referral_id: str, staff: str) -> dict[str, Any]:
    return stack.api.gql(operation("Referral"), {"id": referral_id}, staff)["referral"]


def test_failed_delivery_is_retried_by_staff_and_never_reopens_a_closed_report(
    stack: Stack,
) -> None:
    anna, bram = stack.token("staff", sub="anna"), stack.token("staff", sub="bram")
    ids = [_submit(stack, text, code)["reference"] for text, code in TEXTS]
    reports = wait_until(
        lambda: (
            (found := [_report(stack, i, anna) for i in ids])
            and all(r["theme"] for r in found)
            and len({r["theme"]["id"] for r in found}) == 1
            and found
        ),
        timeout=90,
    )
    theme_id = reports[0]["theme"]["id"]
    stack.api.gql(operation("ConfirmTheme"), {"input": {"themeId": theme_id}}, anna)
    # Staff close one report before the theme is referred.
    closed = stack.api.gql(
        operation("SetReportStatus"), {"input": {"reportId": ids[0], "status": "CLOSED"}}, anna
    )["setReportStatus"]
    assert closed["report"]["status"] == "CLOSED"

    tagged = stack.api.gql(operation("TagTheme"), {"input": {"themeId": theme_id,
                           "norms": [14, 11]}}, anna)["tagTheme"]  # fmt: skip
    assert tagged["__typename"] == "ThemeTagged", tagged
    stack.ombudsman.fail_first = 1_000  # the ombudsman's endpoint is down
    prepared = stack.api.gql(
        operation("ReferTheme"), {"input": {"themeId": theme_id, **REFERRAL}}, anna
    )["referTheme"]
    referral_id = prepared["referral"]["id"]
    # The ombudsman's dossier leads with the norms at stake and the complaint procedure.
    first = _referral(stack, referral_id, anna)["dossier"]["forAddressee"]
    assert first["template"] == "Behoorlijkheidswijzer (2012)"
    assert [(n["nummer"], n["norm"]) for n in first["normen"]] == [(11, "Maatwerk"),
                                                                   (14, "Voortvarendheid")]  # fmt: skip
    assert "Awb 9:24" in first["klachtprocedure"]["termijn"]
    stack.api.gql(operation("ApproveReferral"), {"input": {"referralId": referral_id}}, bram)
    failed = wait_until(
        lambda: (r := _referral(stack, referral_id, anna))["status"] == "DELIVERY_FAILED" and r,
        timeout=60,
    )
    assert [a["succeeded"] for a in failed["attempts"]["nodes"]] == [False, False]

    # Not a dead end: staff retry once the endpoint is back.
    stack.ombudsman.fail_first = 0
    retried = stack.api.gql(
        operation("RetryDelivery"), {"input": {"referralId": referral_id}}, anna
    )["retryDelivery"]
    assert retried["referral"]["status"] == "APPROVED", retried
    sent = wait_until(
        lambda: (r := _referral(stack, referral_id, anna))["status"] == "SENT" and r, timeout=60
    )
    assert [a["succeeded"] for a in sent["attempts"]["nodes"]] == [False, False, True]
    statuses = {i: _report(stack, i, anna)["status"] for i in ids}
    assert statuses[ids[0]] == "CLOSED"  # the referral did not reopen it
    assert {statuses[ids[1]], statuses[ids[2]]} == {"REFERRED"}
    # Retrying what was delivered is refused.
    again = stack.api.gql(operation("RetryDelivery"), {"input": {"referralId": referral_id}}, anna)[
        "retryDelivery"
    ]
    assert again["__typename"] == "InvalidState"


def test_a_failed_referral_does_not_block_referring_the_theme_again(stack: Stack) -> None:
    anna = stack.token("staff", sub="anna")
    rows = stack.sql(
        "SELECT theme_id::text AS theme FROM referral WHERE addressee = 'NATIONALE_OMBUDSMAN'"
    )
    theme_id = rows[0]["theme"]
    # The referral under way blocks a second one to the same partner...
    blocked = stack.api.gql(
        operation("ReferTheme"), {"input": {"themeId": theme_id, **REFERRAL}}, anna
    )["referTheme"]
    assert blocked["__typename"] == "InvalidState"
    # ...until staff close it; then the theme can be referred again.
    referral_id = stack.sql("SELECT id::text AS id FROM referral")[0]["id"]
    stack.api.gql(operation("CloseReferral"), {"input": {"referralId": referral_id}}, anna)
    again = stack.api.gql(
        operation("ReferTheme"), {"input": {"themeId": theme_id, **REFERRAL}}, anna
    )["referTheme"]
    assert again["__typename"] == "ReferralPrepared", again
