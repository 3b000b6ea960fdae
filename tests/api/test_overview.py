"""The periodic overview against a hand-counted fixture, small-count suppression included;
a municipality reads its own figures beside the national ones; the CLI's CSV opens in a
spreadsheet (UTF-8 with BOM, `;`), and the HTML and PDF are written."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from frontend_contract import operation
from tests.stack import Stack

# Spring 2024: no other test's reports fall in it.
PERIOD = {"start": "2024-02-01", "end": "2024-04-30"}
# A copy of a template report with other values; the generated search vector is left to
# PostgreSQL (only the columns written to are listed: `{columns}`, and as `r.` each: `{copied}`).
_COPY = """
INSERT INTO report ({columns}) SELECT {copied}
FROM report x, jsonb_populate_record(NULL::report, to_jsonb(x) || jsonb_build_object(
    'id', $2::uuid, 'created_at', $3::timestamptz, 'updated_at', $3::timestamptz,
    'municipality_code', $4::text, 'domains', jsonb_build_array($5::text), 'channel', $6::text,
    'reporter_role', $7::text, 'duplicate_group_id', $8::uuid, 'receipt_hash', NULL,
    'theme_id', NULL, 'reporter_subject', NULL, 'status', 'RECEIVED', 'processed_at', $3::timestamptz
)) r WHERE x.id = $1::uuid
"""


def _counts(table: dict[str, Any] | None) -> dict[str, int | None]:
    assert table is not None
    return {c["key"]: c["count"] for c in table["counts"]}


@pytest.fixture(scope="module")
def fixture(stack: Stack) -> Stack:
    """Copies of one submitted report, dated in the period and marked processed (so the
    engine never groups them). Amsterdam: 14 reports, 13 cases (one pair is one case) — February 5, March 6 (7
        reports), April 2 — all Participatiewet, web, resident. Groningen: 2 reports in March,
        toeslagen, phone, professional."""
    template = stack.api.gql(operation("SubmitReport"), {"input": {
        "text": "Een sjabloon voor het overzicht: de gemeente stopte mijn bijstand zonder uitleg.",
        "reporterRole": "RESIDENT", "channel": "WEB", "municipality": "GM0363"}})["submitReport"]  # fmt: skip
    group = str(uuid.uuid4())
    stack.sql("INSERT INTO duplicate_group (id, created_at, updated_at) VALUES ($1::uuid, now(), now())",
              group)  # fmt: skip
    rows = (
        [(f"2024-02-{d + 1:02d}", "GM0363", "PARTICIPATIEWET", "WEB", "RESIDENT", None) for d in range(5)]
        + [(f"2024-03-{d + 1:02d}", "GM0363", "PARTICIPATIEWET", "WEB", "RESIDENT", None) for d in range(5)]
        + [("2024-03-20", "GM0363", "PARTICIPATIEWET", "WEB", "RESIDENT", group)] * 2
        + [(f"2024-04-{d + 1:02d}", "GM0363", "PARTICIPATIEWET", "WEB", "RESIDENT", None) for d in range(2)]
        + [(f"2024-03-{d + 10:02d}", "GM0014", "TOESLAGEN", "PHONE", "PROFESSIONAL", None) for d in range(2)]
    )  # fmt: skip
    names = [
        r["column_name"] for r in stack.sql(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'report' "
            "AND is_generated = 'NEVER' ORDER BY ordinal_position"
        )
    ]  # fmt: skip
    copy = _COPY.format(columns=", ".join(names), copied=", ".join(f"r.{n}" for n in names))
    for day, code, law, channel, role, dup in rows:
        at = datetime.fromisoformat(f"{day}T12:00:00+00:00")
        stack.sql(copy, template["reference"], str(uuid.uuid4()), at, code, law, channel, role,
                  dup)  # fmt: skip
    return stack


def test_the_national_overview_is_hand_counted_and_suppressed(fixture: Stack) -> None:
    staff = fixture.token("staff")
    overview = fixture.api.gql(operation("Overview"), PERIOD, staff)["overview"]
    assert overview["smallCountsHiddenBelow"] == 5
    national = overview["national"]
    assert (national["reports"], national["cases"], national["reporters"]) == (16, 15, 15)
    # Toeslagen has 2 cases: hidden; with one hidden cell beside a shown total the other is
    # hidden as well, or the total would give it away.
    assert national["byLaw"]["total"] == 15
    assert _counts(national["byLaw"]) == {"PARTICIPATIEWET": None, "TOESLAGEN": None}
    assert _counts(national["byMunicipality"]) == {"GM0014": None, "GM0363": None}
    assert _counts(national["byChannel"]) == {"PHONE": None, "WEB": None}
    # February 5, March 8, April 2: April is hidden, and February (the smallest shown) too.
    assert _counts(national["monthlyCases"]) == {"2024-02": None, "2024-03": 8, "2024-04": None}
    first = _counts(national["firstAnswer"])
    assert first == {"LATE": 0, "ON_TIME": 0, "OPEN_IN_TIME": 16, "OPEN_LATE": 0}
    assert overview["scope"] == national  # staff without a municipality: the whole country


def test_a_municipality_reads_its_own_figures_beside_the_national_ones(fixture: Stack) -> None:
    amsterdam = fixture.token("municipality", municipality="GM0363")
    asked_for_other = {**PERIOD, "municipality": "GM0014"}  # ignored: it reads its own
    overview = fixture.api.gql(operation("MunicipalOverview"), asked_for_other, amsterdam)[
        "overview"
    ]
    own, national = overview["scope"], overview["national"]
    assert own["municipality"] == "GM0363"
    assert (own["reports"], own["cases"]) == (14, 13)
    assert _counts(own["byLaw"]) == {"PARTICIPATIEWET": 13}
    assert _counts(own["monthlyCases"]) == {"2024-02": None, "2024-03": 6, "2024-04": None}
    assert national["cases"] == 15 and national["byMunicipality"] is None
    resident = fixture.api.post(operation("Overview"), PERIOD, fixture.token("resident")).json()
    assert resident["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_the_command_writes_csv_html_and_pdf(fixture: Stack, tmp_path: Path) -> None:
    env = {**os.environ, **fixture.env}

    def overview(fmt: str) -> Path:
        out = tmp_path / f"overzicht.{fmt}"
        done = subprocess.run(
            [sys.executable, "-m", "signaalpunt", "overview", "--from", PERIOD["start"],
             "--to", PERIOD["end"], "--municipality", "GM0363", "--format", fmt, "--out", str(out)],
            env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return out

    raw = overview("csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: a spreadsheet reads the accents
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["gebied", "deel", "sleutel", "aantal"]
    table = {(r[0], r[1], r[2]): r[3] for r in rows[1:]}
    assert table[("GM0363", "totaal", "zaken")] == "13"
    assert table[("GM0363", "per maand", "2024-04")] == "<5"
    assert table[("Nederland", "per wet", "TOESLAGEN")] == "<5"
    html = overview("html").read_text(encoding="utf-8")
    assert "Stand van de Uitvoering" in html and "<svg" in html
    assert overview("pdf").read_bytes().startswith(b"%PDF")
