"""Personal data in ordinary writing, with the worker's full masker (deduce included): masked in
every derived view, kept as keyed hashes for duplicate evidence, absent from logs, and gone
from originals when the retention schedule says so."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator

import pytest

from frontend_contract import operation
from signaalpunt.harness import Servers
from tests.stack import Stack, start_process_stack
from tests.support import wait_until

NAME, BSN, PHONE, EMAIL = (
    "Fatima el Amrani",
    "400812253",
    "(020) 612 34 98",
    "r.pinas at gmail dot com",
)
STREET = "Laan van Meerdervoort 34"
STORY = (
    f"mijn naam is fatima el amrani en ik woon aan de {STREET} in Den Haag. Sinds maart krijg "
    "ik geen huurtoeslag meer omdat de Belastingdienst zegt dat mijn zoon Daan bij mij staat "
    f"ingeschreven met inkomen. Mijn BSN is 400-812-253, u kunt mij bellen op {PHONE} of "
    f"mailen naar {EMAIL}. Ik moet € 1.240 terugbetalen volgens de brief van 3 april 2024."
)
# The same person again, the BSN written differently: a keyed hash joins them.
AGAIN = (
    "Ik heb al eerder gemeld dat mijn huurtoeslag is gestopt, het gaat om bsn400812253. De "
    "Belastingdienst telt het inkomen van mijn zoon mee terwijl hij niet bij mij woont."
)


@pytest.fixture(scope="module")
def stack(real_servers: Servers, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with start_process_stack(
        real_servers, tmp_path_factory.mktemp("personal-data"), SIGNAALPUNT_DEIDENTIFIER="deduce"
    ) as found:
        yield found


def _submit(stack: Stack, text: str, **extra: object) -> str:
    result = stack.api.gql(
        operation("SubmitReport"),
        {"input": {"text": text, "reporterRole": "RESIDENT", "channel": "WEB",
                   "municipality": "GM0518", "domains": ["TOESLAGEN"],
                   "consent": {"includeInReferral": True}, **extra}},
    )["submitReport"]  # fmt: skip
    assert result["__typename"] == "ReportSubmitted", result
    return result["reference"]


_IDS_AND_TIMES = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"|\d{4}-\d{2}-\d{2}t\d{2}:\d{2}:\d{2}(\.\d+)?(\+\d{2}:\d{2}|z)?"
)


def _processed(stack: Stack, report_id: str, staff: str) -> dict:
    def done() -> dict | None:
        report = stack.api.gql(operation("Report"), {"id": report_id}, staff)["report"]
        return report if report["processed"] else None

    return wait_until(done, timeout=120)  # the worker loads deduce first (about 20 s)


def test_personal_data_in_ordinary_writing_is_masked_in_every_view(stack: Stack) -> None:
    staff = stack.token("staff")
    report_id = _submit(stack, STORY, escalatedBeforeTo="mevrouw Jansen van de gemeente")
    report = _processed(stack, report_id, staff)
    # Ids and timestamps are random digits: "812" may stand in one by chance.
    seen = _IDS_AND_TIMES.sub("", json.dumps(report, ensure_ascii=False).lower())
    for value in (
        "fatima",
        "amrani",
        "meerdervoort 34",
        "812",
        "612 34 98",
        "pinas",
        "daan",
        "jansen",
    ):
        assert value not in seen, (value, report["maskedText"], report["escalatedBeforeTo"])
    # What is case evidence stays readable.
    for kept in ("Den Haag", "Belastingdienst", "€ 1.240", "3 april 2024"):
        assert kept in report["maskedText"], (kept, report["maskedText"])
    assert "[NAAM]" in report["maskedText"] and "[BSN]" in report["maskedText"]
    # The original is still there for staff with a reason.
    original = stack.api.gql(
        operation("ReportOriginal"),
        {"id": report_id, "reason": "Controle van de afscherming"},
        staff,
    )["report"]
    assert "400-812-253" in original["originalText"] and original["anonymisedAt"] is None


def test_identifiers_become_keyed_hashes_shared_across_reports(stack: Stack) -> None:
    staff = stack.token("staff")
    first = _submit(stack, STORY + " Nogmaals.")
    second = _submit(stack, AGAIN)
    for report_id in (first, second):
        _processed(stack, report_id, staff)
    rows = stack.sql(
        "SELECT report_id::text AS report, kind, digest FROM report_identifier "
        "WHERE report_id = ANY($1::uuid[])",
        [first, second],
    )
    bsn = {r["report"]: r["digest"] for r in rows if r["kind"] == "BSN"}
    assert set(bsn) == {first, second} and bsn[first] == bsn[second], rows
    assert {"BSN", "PHONE", "EMAIL", "NAME"} <= {r["kind"] for r in rows if r["report"] == first}
    # The values themselves are nowhere but in the original text.
    for table in ("report_identifier", "audit_event", "outbox_job", "duplicate_group", "theme"):
        dump = stack.sql(
            f"SELECT coalesce(string_agg(to_jsonb(t.*)::text, ''), '') AS t FROM {table} t"
        )[0]["t"]
        assert BSN not in dump and "400-812-253" not in dump, table
    masked = stack.sql("SELECT string_agg(masked_text, ' ') AS t FROM report")[0]["t"]
    assert BSN not in masked and "fatima" not in masked.lower()


def test_logs_carry_no_personal_data_and_no_client_address(stack: Stack) -> None:
    _submit(stack, STORY + " Voor het log.")
    stack.api.request("GET", "/health")
    logs = (stack.log_dir / "api.log").read_text() + (stack.log_dir / "worker.log").read_text()
    access = [line for line in logs.splitlines() if '"POST /graphql HTTP/1.1"' in line]
    assert access  # there is an access log…
    assert not [line for line in access if re.search(r"\d+\.\d+\.\d+\.\d+", line)]  # …anonymous
    for value in (BSN, "400-812-253", "612 34 98", "r.pinas"):
        assert value not in logs


def test_retention_anonymises_originals_and_keeps_counts(stack: Stack) -> None:
    staff = stack.token("staff")
    resident = stack.token("resident", sub="resident-retention")
    report_id = stack.api.gql(
        operation("SubmitReport"),
        {"input": {"text": STORY + " Voor de bewaartermijn.", "reporterRole": "RESIDENT",
                   "channel": "WEB", "municipality": "GM0518", "anonymous": False,
                   "consent": {"contact": True}}},
        resident,
    )["submitReport"]["reference"]  # fmt: skip
    _processed(stack, report_id, staff)
    declined = stack.api.gql(
        operation("SetReportStatus"),
        {"input": {"reportId": report_id, "status": "DECLINED"}},
        staff,
    )["setReportStatus"]
    assert declined["__typename"] == "ReportStatusSet", declined
    # Two hundred days later, as far as this report is concerned.
    stack.sql(
        "UPDATE report SET closed_at = now() - interval '200 days' WHERE id = $1::uuid", report_id
    )
    before = stack.sql(
        "SELECT count(*) AS n, count(*) FILTER (WHERE status = 'DECLINED') AS declined, "
        "string_agg(masked_text, '' ORDER BY id) AS masked FROM report"
    )[0]
    env = {**os.environ, **stack.env}

    def retention(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "signaalpunt", "retention", *args],
            env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done.stdout

    dry = retention("--dry-run")
    assert "declined        1" in dry, dry
    assert (
        stack.sql("SELECT anonymised_at FROM report WHERE id = $1::uuid", report_id)[0][
            "anonymised_at"
        ]
        is None
    )  # a dry run changes nothing
    assert "declined        1" in retention()
    row = stack.sql(
        "SELECT text, masked_text, reporter_subject, consent_contact, anonymised_at FROM report "
        "WHERE id = $1::uuid",
        report_id,
    )[0]
    assert row["text"] == row["masked_text"] and "400-812-253" not in row["text"]
    assert row["reporter_subject"] is None and not row["consent_contact"]
    assert row["anonymised_at"] is not None
    assert not stack.sql("SELECT 1 FROM report_identifier WHERE report_id = $1::uuid", report_id)
    original = stack.api.gql(
        operation("ReportOriginal"),
        {"id": report_id, "reason": "Controle na de bewaartermijn"},
        staff,
    )["report"]
    assert original["originalText"] is None and original["anonymisedAt"]
    after = stack.sql(
        "SELECT count(*) AS n, count(*) FILTER (WHERE status = 'DECLINED') AS declined, "
        "string_agg(masked_text, '' ORDER BY id) AS masked FROM report"
    )[0]
    assert after == before  # counts and masked texts stay
    events = stack.sql("SELECT details FROM audit_event WHERE action = 'retention.run'")
    assert len(events) == 1 and json.loads(events[0]["details"])["anonymised"]["declined"] == 1
    assert "declined        0" in retention()  # nothing twice


def test_loading_deduce_leaves_the_root_logger_as_it_was() -> None:
    """deduce configures DEBUG logging when imported; the worker would log every statement."""
    import logging

    from privacy.deidentify import deduce_instance

    root = logging.getLogger()
    before = (root.level, list(root.handlers))
    deduce_instance()
    assert (root.level, list(root.handlers)) == before


def test_an_amount_after_an_agency_is_no_street_address() -> None:
    """deduce reads "de Belastingdienst 11.000 euro" as a street with house number 11; masked,
    the case lost its figure. A real street and number stays masked."""
    from privacy.deidentify import mask_fully

    assert "11.000 euro" in mask_fully("een naheffing van de Belastingdienst 11.000 euro").text
    masked = mask_fully("Ik woon op de Kerkstraat 11, 1234 AB Utrecht. Het is koud.").text
    assert "Kerkstraat" not in masked and "[ADRES]" in masked
