"""Throttles that hold: receipt guesses are counted before any hash, one lookup per request,
a cap on concurrent lookups; identified submitters have a limit too; malformed or
incomplete credentials are refused."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from auth.dev_issuer import issue_token
from auth.roles import Role
from frontend_contract import operation
from tests.stack import Stack

GUESS = "1111 2222 3333 4444"


def _client() -> dict[str, str]:
    """A client of its own (the test stack trusts 127.0.0.1 as a proxy)."""
    return {"X-Forwarded-For": f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.7"}


def _aliased(count: int) -> str:
    fields = " ".join(
        f'g{n}: reportByReceipt(receipt: "{GUESS}") {{ __typename ... on Error {{ code }} }}'
        for n in range(count)
    )
    return "{ " + fields + " }"


def test_aliases_get_one_receipt_lookup_per_request(stack: Stack) -> None:
    body = stack.api.post(_aliased(15), headers=_client()).json()
    codes = [body["data"][f"g{n}"]["code"] for n in range(15)]
    assert codes[0] == "INVALID_RECEIPT"
    assert codes[1:] == ["THROTTLED"] * 14


def test_concurrent_aliased_guesses_stay_within_the_limit(stack: Stack) -> None:
    headers = _client()

    def guess(_: int) -> list[str]:
        body = stack.api.post(_aliased(15), headers=headers).json()
        return [v["code"] for v in (body.get("data") or {}).values() if v]

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = [code for codes in pool.map(guess, range(40)) for code in codes]
    evaluated = answers.count("INVALID_RECEIPT")
    assert 1 <= evaluated <= 5, answers  # SIGNAALPUNT_RECEIPT_ATTEMPTS=5 in the test stack
    assert answers.count("THROTTLED") == len(answers) - evaluated


def test_a_right_receipt_uses_up_nothing(stack: Stack) -> None:
    headers = _client()
    submitted = stack.api.post(
        operation("SubmitReport"),
        {"input": {"text": "De gemeente rekent de kostendelersnorm toe terwijl mijn zoon studeert.",
                   "reporterRole": "RESIDENT", "channel": "WEB", "municipality": "GM0344"}},
        headers=headers,
    ).json()["data"]["submitReport"]  # fmt: skip
    for _ in range(8):  # more than the 5 attempts a window allows for wrong receipts
        view = stack.api.post(
            operation("ReportByReceipt"), {"receipt": submitted["receipt"]}, headers=headers
        ).json()["data"]["reportByReceipt"]
        assert view["__typename"] == "ReporterView"


def test_identified_submitters_have_a_limit_too(stack: Stack) -> None:
    token = stack.token("resident", sub=f"resident-{uuid.uuid4().hex[:6]}")
    seen: dict[str, int] = {}
    for n in range(130):  # SIGNAALPUNT_IDENTIFIED_SUBMIT_LIMIT defaults to 120 per window
        result: dict[str, Any] = stack.api.post(
            operation("SubmitReport"),
            {"input": {"text": f"Melding {n}: de regels voor bijzondere bijstand zijn te streng.",
                       "reporterRole": "RESIDENT", "channel": "WEB", "municipality": "GM0344"}},
            token,
        ).json()["data"]["submitReport"]  # fmt: skip
        seen[result["__typename"]] = seen.get(result["__typename"], 0) + 1
    assert seen == {"ReportSubmitted": 120, "Throttled": 10}


def test_a_malformed_authorization_header_is_refused(stack: Stack) -> None:
    token = stack.token("staff")
    for header in (token, f"Token {token}", "Bearer", "Basic dXNlcjpwdw=="):
        response = stack.api.post("{ viewer { subject } }", headers={"Authorization": header})
        assert response.status_code == 401, header
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_a_municipality_or_partner_token_must_say_for_whom(stack: Stack) -> None:
    for role in (Role.MUNICIPALITY, Role.PARTNER):
        token = issue_token(
            stack.data_dir, issuer=stack.issuer, audience="signaalpunt", role=role, subject="x"
        )
        response = stack.api.post("{ municipalityThemes { nodes { themeId } } }", token=token)
        assert response.status_code == 401, role
