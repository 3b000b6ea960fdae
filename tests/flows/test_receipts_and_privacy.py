"""Anonymity is real: receipts shown once and stored only as a slow hash, wrong receipts
throttled, no IP address stored, personal data masked in derived views and logs."""

from __future__ import annotations

import uuid

from frontend_contract import operation
from tests.stack import Stack

TEXT = (
    "Ik krijg geen kwijtschelding van de gemeentelijke belastingen omdat mijn oude auto te veel "
    "waard zou zijn. Ik heb die auto nodig voor mijn werk in de nacht. Mijn e-mail is "
    "piet.jansen@example.nl en mijn telefoon 06 1234 5678."
)


def _address() -> str:
    """A client address of its own (the API trusts 127.0.0.1 as a reverse proxy in tests)."""
    value = uuid.uuid4().int
    return f"198.51.{value % 250}.{(value >> 8) % 250 + 1}"


def _submit(stack: Stack, text: str = TEXT) -> dict:
    data = stack.api.gql(
        operation("SubmitReport"),
        {"input": {"text": text, "reporterRole": "RESIDENT", "channel": "WEB", "municipality": "GM0202",
                   "domains": ["GEMEENTELIJKE_BELASTINGEN"]}},
    )  # fmt: skip
    return data["submitReport"]


def test_receipt_is_stored_only_as_a_slow_hash(stack: Stack) -> None:
    submitted = _submit(stack)
    receipt = submitted["receipt"]
    digits = receipt.replace(" ", "")
    row = stack.sql(
        "SELECT receipt_hash, reporter_subject, to_jsonb(report.*)::text AS everything "
        "FROM report WHERE id = $1::uuid",
        submitted["reference"],
    )[0]
    assert row["reporter_subject"] is None
    assert len(row["receipt_hash"]) == 64 and digits not in row["everything"]
    assert receipt not in row["everything"]
    # The receipt opens the report, with or without spaces.
    for form in (receipt, digits, receipt.replace(" ", "-")):
        view = stack.api.gql(operation("ReportByReceipt"), {"receipt": form})["reportByReceipt"]
        assert view["__typename"] == "ReporterView"
        assert view["reference"] == submitted["reference"]
        assert "piet.jansen@example.nl" not in view["maskedText"]


def test_no_ip_address_is_stored_with_a_report(stack: Stack) -> None:
    submitted = stack.api.post(
        operation("SubmitReport"),
        {"input": {"text": TEXT + " Tweede melding.", "reporterRole": "RESIDENT", "channel": "WEB",
                   "municipality": "GM0202"}},
        headers={"X-Forwarded-For": "203.0.113.77"},
    ).json()["data"]["submitReport"]  # fmt: skip
    columns = {r["column_name"] for r in stack.sql(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'report'"
    )}  # fmt: skip
    assert not {c for c in columns if "ip" in c.split("_") or "address" in c or "agent" in c}
    row = stack.sql(
        "SELECT to_jsonb(report.*)::text AS t FROM report WHERE id = $1::uuid",
        submitted["reference"],
    )
    assert "127.0.0.1" not in row[0]["t"] and "203.0.113.77" not in row[0]["t"]
    # Nor in any other table.
    for table in ("audit_event", "outbox_job", "feedback_message"):
        dump = stack.sql(
            f"SELECT coalesce(string_agg(to_jsonb(t.*)::text, ''), '') AS t FROM {table} t"
        )[0]["t"]
        assert "127.0.0.1" not in dump and "203.0.113.77" not in dump


def test_wrong_receipts_are_throttled(stack: Stack) -> None:
    # A client address of its own, so other tests' lookups do not count against this one.
    headers = {"X-Forwarded-For": _address()}
    submitted = _submit(stack, TEXT + " Derde melding over hetzelfde.")
    wrong = "0000 0000 0000 0000"
    codes = []
    for _ in range(7):
        body = stack.api.post(
            operation("ReportByReceipt"), {"receipt": wrong}, headers=headers
        ).json()
        codes.append(body["data"]["reportByReceipt"]["code"])
    assert codes[:5] == ["INVALID_RECEIPT"] * 5
    assert codes[5:] == ["THROTTLED", "THROTTLED"]
    # Once throttled, even the right receipt waits: guessing gains nothing.
    body = stack.api.post(
        operation("ReportByReceipt"), {"receipt": submitted["receipt"]}, headers=headers
    ).json()
    assert body["data"]["reportByReceipt"]["__typename"] == "Throttled"
    assert body["data"]["reportByReceipt"]["retryAfterSeconds"] > 0
    # Malformed receipts count as misses too, with a clear code.
    other = {"X-Forwarded-For": _address()}
    body = stack.api.post(operation("ReportByReceipt"), {"receipt": "abc"}, headers=other).json()
    assert body["data"]["reportByReceipt"]["code"] == "INVALID_RECEIPT"


def test_logs_carry_no_personal_data(stack: Stack) -> None:
    _submit(stack, TEXT + " Mijn BSN is 111222333 en IBAN NL91ABNA0417164300.")
    for process in stack.processes:
        log = process.log()
        for secret in ("111222333", "NL91ABNA0417164300", "piet.jansen@example.nl", "06 1234 5678"):
            assert secret not in log, f"{secret} in {process.name} log"
