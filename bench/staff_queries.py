"""Staff queries at a million reports: p50/p95 of every staff read and its SQL statements.

    make bench-staff        (python -m bench.staff_queries --reports 1000000 --themes 10000)

The production path: the app (`signaalpunt.app.create_app`, every extension, the staff
token verified on each request) in this process, reached over httpx's ASGI transport, on a
scratch database of the configured PostgreSQL or the embedded one. Each request sends a
staff operation of `frontend_contract/operations/staff/` by its trusted-document id, as the
console does, with varied variables (other themes, reports, municipalities, search words).

The fill, inside PostgreSQL (`bench.fill`): `--themes` themes of skewed size (the largest
about 1% of all reports, most a few dozen), `--reports` reports over two years across 40
municipalities, 14 laws, 7 channels and both roles, Dutch sentences for the search, 5%
without a theme, a tenth in duplicate groups of three, 2% still to be triaged, 1% past a
service level; referrals on every fifth theme (three delivery attempts each, a tenth
overdue); messages on themes and reports; theme aggregates (counts per municipality and
month) computed from the reports as the worker keeps them.

Measured per operation: p50/p95 over `--repeat` requests after two warm-ups, and the number
of SQL statements one request runs (counted on tortoise's statement log), at page size 10
and 100: it must not grow with the page. The baseline in the same run: the floor of any
request, one `SELECT 1` through the same pool, and the bare GraphQL request (`__typename`).
The periodic overview (a year's figures, target ≤ 5 s) is printed apart.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from tortoise import connections

from auth.dev_issuer import issue_token
from auth.roles import Role
from bench.fill import copy_per_row, copy_template
from bench.machine import machine
from bench.metrics import percentile
from bench.overview_scale import CHANNELS, LAWS, MUNICIPALITIES
from frontend_contract import document_id, operation
from models import FeedbackMessage, Referral, Report, Theme
from signaalpunt.database import close_database, init_database, run_migrations
from signaalpunt.harness import scratch_database, servers
from signaalpunt.settings import load_settings
from vocabulary import Addressee, MessageAuthor, MessageDirection, ReferralStatus

TARGET_P95_MS = 100.0
PHRASES = [
    "De kinderopvangtoeslag moet ik terugbetalen omdat mijn uren veranderden",
    "Mijn bijstandsuitkering werd gekort omdat mijn dochter boodschappen voor mij deed",
    "De kostendelersnorm maakt dat mijn zoon niet bij mij kan wonen",
    "Het CAK rekent een eigen bijdrage die ik niet kan betalen",
    "Ik kreeg een boete van het CJIB die verdubbelde terwijl ik in het ziekenhuis lag",
    "De huurtoeslag stopte omdat mijn inkomen een paar euro te hoog was",
    "Mijn Wajong-uitkering werd verlaagd na een paar uur werk",
    "De gemeente wil de huishoudelijke hulp niet meer vergoeden",
    "Ik moet de studiefinanciering terugbetalen terwijl ik ziek was",
    "De schuldhulpverlening begint pas als alle schuldeisers akkoord zijn",
    "Het beslag op mijn loon laat te weinig over om van te leven",
    "De zorgtoeslag werd met terugwerkende kracht teruggevorderd",
    "Mijn WW-uitkering kwam drie maanden te laat",
    "De IND vraagt leges die ik niet kan opbrengen",
    "De jeugdhulp voor mijn zoon heeft een wachtlijst van een jaar",
    "Ik kreeg een naheffing van de gemeentelijke belastingen voor een oud adres",
    "De Wlz-indicatie duurt maanden terwijl mijn moeder hulp nodig heeft",
    "Ik mag niet bijverdienen zonder dat alles wordt verrekend",
    "De aanvraag voor bijzondere bijstand werd afgewezen zonder uitleg",
    "De energietoeslag ging naar het verkeerde adres",
]
SEARCHES = ["kinderopvangtoeslag", "kostendelersnorm", "eigen bijdrage", "beslag loon",
            "wachtlijst", "terugbetalen"]  # fmt: skip
STATUSES = ["RECEIVED", "IN_REVIEW", "LINKED_TO_THEME", "LINKED_TO_THEME", "REFERRED", "CLOSED"]

# The theme of report g: a skewed draw over the themes (its square puts ~1% of all reports
# in the first theme), the same for the ten consecutive reports of one possible group.
_THEME_INDEX = (
    "floor($6::int * power((((g / 10)::bigint * 2654435761) % 1000003) / 1000003.0, 2))::int"
)
_CREATED = "(now() - (g % 730) * interval '1 day' - (g % 997) * interval '1 minute')"
_REPORT = {
    "id": "gen_random_uuid()",
    "created_at": _CREATED,
    "updated_at": _CREATED,
    "masked_text": "($7::text[])[1 + g % array_length($7::text[], 1)] || '. ' || "
                   "($7::text[])[1 + (g / 20) % array_length($7::text[], 1)] || '. Melding ' || g",
    "text": "'origineel ' || g",
    "municipality_code": "($3::text[])[1 + g % array_length($3::text[], 1)]",
    "domains": "jsonb_build_array(($4::text[])[1 + g % array_length($4::text[], 1)])",
    "channel": "($5::text[])[1 + g % array_length($5::text[], 1)]",
    "reporter_role": "CASE WHEN g % 3 = 0 THEN 'PROFESSIONAL_EMPLOYED' ELSE 'RESIDENT' END",
    "anonymous": "g % 4 <> 0",
    "status": "CASE WHEN g % 50 = 7 THEN 'RECEIVED'"
              " ELSE ($8::text[])[1 + g % array_length($8::text[], 1)] END",
    "urgency_flags": "CASE WHEN g % 50 = 0 THEN '[\"NO_INCOME\"]'::jsonb ELSE '[]'::jsonb END",
    "theme_id": f"CASE WHEN g % 20 = 19 THEN NULL ELSE md5('theme' || {_THEME_INDEX})::uuid END",
    "duplicate_group_id": "CASE WHEN g % 10 < 3 THEN md5('group' || (g / 10))::uuid END",
    "triage_due": f"({_CREATED})::date + 5",
    "triaged_at": f"CASE WHEN g % 50 = 7 THEN NULL ELSE {_CREATED} + interval '1 day' END",
    "first_answer_due": f"({_CREATED})::date + 14",
    "answered_at": f"CASE WHEN g % 50 IN (7, 8) THEN NULL ELSE {_CREATED} + interval '3 days' END",
    "first_answer_breached_at": f"CASE WHEN g % 100 = 8 THEN {_CREATED} + interval '15 days' END",
    "reopen_requested_at": f"CASE WHEN g % 2000 = 11 THEN {_CREATED} + interval '20 days' END",
    "processed_at": _CREATED,
    "receipt_hash": "NULL",
    "reporter_subject": "CASE WHEN g % 4 = 0 THEN 'bewoner-' || (g % 50000) END",
}  # fmt: skip
_THEME = {
    "id": "md5('theme' || g)::uuid",
    "label": "'Thema ' || g",
    "status": "CASE WHEN g % 10 < 3 THEN 'CONFIRMED' WHEN g % 50 = 49 THEN 'ARCHIVED'"
              " ELSE 'PROPOSED' END",
    "structural_score": "(g % 100) / 100.0",
    "updated_at": "now() - g * interval '3 minutes'",
    "created_at": "now() - interval '800 days'",
}  # fmt: skip
_AGGREGATES = """
WITH per_theme AS (
    SELECT theme_id, count(*) AS reports,
           count(*) FILTER (WHERE duplicate_group_id IS NULL)
             + count(DISTINCT duplicate_group_id) AS cases,
           count(*) FILTER (WHERE reporter_role = 'RESIDENT') AS residents,
           count(*) FILTER (WHERE reporter_role <> 'RESIDENT') AS professionals,
           min(created_at) AS first_at, max(created_at) AS last_at
    FROM report WHERE theme_id IS NOT NULL GROUP BY theme_id
), per_municipality AS (
    SELECT theme_id, jsonb_agg(code ORDER BY code) AS codes,
           jsonb_object_agg(code, n) AS counts
    FROM (SELECT theme_id, municipality_code AS code, count(*) AS n FROM report
          WHERE theme_id IS NOT NULL GROUP BY 1, 2) m GROUP BY theme_id
), per_month AS (
    SELECT theme_id, jsonb_object_agg(month, n) AS months
    FROM (SELECT theme_id, to_char(created_at, 'YYYY-MM') AS month, count(*) AS n FROM report
          WHERE theme_id IS NOT NULL GROUP BY 1, 2) m GROUP BY theme_id
), per_domain AS (
    SELECT theme_id, jsonb_agg(DISTINCT d) AS domains
    FROM report, jsonb_array_elements_text(domains) d WHERE theme_id IS NOT NULL GROUP BY 1
)
UPDATE theme t SET report_count = p.reports, case_count = p.cases, reporter_count = p.cases,
    resident_reporter_count = p.residents, professional_reporter_count = p.professionals,
    first_report_at = p.first_at, last_report_at = p.last_at, municipality_codes = m.codes,
    municipality_case_counts = m.counts, monthly_case_counts = mo.months, domains = d.domains
FROM per_theme p JOIN per_municipality m USING (theme_id) JOIN per_month mo USING (theme_id)
JOIN per_domain d USING (theme_id)
WHERE t.id = p.theme_id
"""
_CANONICAL = """
UPDATE duplicate_group d SET canonical_report_id = r.id
FROM (SELECT DISTINCT ON (duplicate_group_id) duplicate_group_id, id FROM report
      WHERE duplicate_group_id IS NOT NULL ORDER BY duplicate_group_id, created_at) r
WHERE d.id = r.duplicate_group_id
"""


async def fill(reports: int, themes: int) -> None:
    conn = connections.get("default")
    theme = await Theme.create(label="sjabloon", top_terms=[["bijstand", 0.4], ["dochter", 0.3]],
                               excerpts=["Mijn bijstand werd gekort …"])  # fmt: skip
    await copy_template(conn, "theme", theme.id, themes, _THEME, first=0)
    await conn.execute_query(
        "INSERT INTO duplicate_group (id, created_at, updated_at) "
        "SELECT md5('group' || k)::uuid, now(), now() FROM generate_series(0, $1::int) k",
        [reports // 10 + 1],
    )
    template = await Report.create(
        text="sjabloon", masked_text="sjabloon", language="nl", reporter_role="RESIDENT",
        channel="WEB", municipality_code="GM0363",
    )  # fmt: skip
    await copy_template(conn, "report", template.id, reports, _REPORT,
                        [MUNICIPALITIES, LAWS, CHANNELS, themes, PHRASES, STATUSES])  # fmt: skip
    # Groups that drew no report (the unthemed share does not matter: groups are by g / 10).
    await conn.execute_query(
        "DELETE FROM duplicate_group d WHERE NOT EXISTS "
        "(SELECT 1 FROM report r WHERE r.duplicate_group_id = d.id)"
    )
    await conn.execute_query(_CANONICAL)
    print("  aggregates per theme …", flush=True)
    await conn.execute_query(_AGGREGATES)
    some_theme = await Theme.get(id=await _theme_id(0))
    referral = await Referral.create(
        theme=some_theme, addressee=Addressee.NATIONALE_OMBUDSMAN, status=ReferralStatus.SENT, requested_by="staf-1",
        approved_by="staf-2", motivation="Structureel", dossier={"theme": {"label": "x"},
        "excerpts": ["Mijn bijstand werd gekort …"] * 20}, sent_at=datetime.now(UTC),
    )  # fmt: skip
    await copy_template(conn, "referral", referral.id, themes // 5, {
        "id": "gen_random_uuid()", "theme_id": "md5('theme' || (g * 5))::uuid",
        "created_at": "now() - (g % 300) * interval '1 day'",
        "answer_due": "CASE WHEN g % 10 = 0 THEN current_date - 3 ELSE current_date + 30 END",
    }, first=0)  # fmt: skip
    await conn.execute_query(
        "INSERT INTO delivery_attempt (referral_id, attempt, started_at, status_code, succeeded) "
        "SELECT r.id, a, r.created_at + a * interval '1 minute', CASE WHEN a = 3 THEN 202 "
        "ELSE 503 END, a = 3 FROM referral r, generate_series(1, 3) a"
    )
    message = await FeedbackMessage.create(theme=some_theme, direction=MessageDirection.TO_REPORTER,
                                           author=MessageAuthor.STAFF, body="We kijken ernaar.")  # fmt: skip
    await copy_template(conn, "feedback_message", message.id, themes, {
        "id": "gen_random_uuid()", "theme_id": "md5('theme' || (g % $3::int))::uuid",
        "created_at": "now() - g * interval '1 hour'",
    }, [themes], first=0)  # fmt: skip
    message = await FeedbackMessage.create(theme=some_theme, direction=MessageDirection.TO_REPORTER,
                                           author=MessageAuthor.STAFF, body="Dank voor uw melding.")  # fmt: skip
    await copy_per_row(conn, "feedback_message", message.id,
                       "SELECT id, created_at FROM report WHERE right(id::text, 1) = '0'", {
        "id": "gen_random_uuid()", "theme_id": "NULL", "report_id": "s.id",
        "created_at": "s.created_at + interval '2 days'",
    })  # fmt: skip
    for table in ("report", "theme", "duplicate_group", "referral", "delivery_attempt",
                  "feedback_message"):  # fmt: skip
        await conn.execute_query(f"VACUUM ANALYZE {table}")


async def _theme_id(index: int) -> str:
    rows = await connections.get("default").execute_query_dict(
        "SELECT md5('theme' || $1::int)::uuid::text AS id", [index]
    )
    return rows[0]["id"]


class StatementCounter(logging.Handler):
    """Counts the statements tortoise runs (every one is logged at DEBUG on this logger)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0
        self.logger = logging.getLogger("tortoise.db_client")

    def emit(self, record: logging.LogRecord) -> None:
        if not record.getMessage().startswith(("Created connection", "Closed connection")):
            self.count += 1

    def __enter__(self) -> StatementCounter:
        self._level, self._propagate = self.logger.level, self.logger.propagate
        self.logger.setLevel(logging.DEBUG)
        self.logger.propagate = False
        self.logger.addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        self.logger.removeHandler(self)
        self.logger.setLevel(self._level)
        self.logger.propagate = self._propagate


@dataclass
class Case:
    """One staff operation with a way to vary its variables (run number → variables)."""

    label: str
    name: str
    variables: Callable[[int, int], dict[str, Any]]  # (run, page size) → variables
    paged: bool = True


async def cases(themes: int) -> list[Case]:
    conn = connections.get("default")
    big = [await _theme_id(i) for i in range(3)]
    typical = [await _theme_id(i) for i in range(themes // 2, themes // 2 + 20)]
    report_rows = await conn.execute_query_dict(
        "SELECT id::text AS id FROM report WHERE duplicate_group_id IS NOT NULL "
        "ORDER BY created_at DESC LIMIT 20"
    )
    report_ids = [r["id"] for r in report_rows]
    referral_ids = [r["id"] for r in await conn.execute_query_dict(
        "SELECT id::text AS id FROM referral ORDER BY created_at DESC LIMIT 20")]  # fmt: skip

    def pick(items: list[Any], run: int) -> Any:
        return items[run % len(items)]

    def reports(**filters: Any) -> Callable[[int, int], dict[str, Any]]:
        def variables(run: int, size: int) -> dict[str, Any]:
            chosen = {k: (v(run) if callable(v) else v) for k, v in filters.items()}
            return {"filter": chosen, "first": size}

        return variables

    return [
        Case("reports, newest", "Reports", reports()),
        Case("reports, one status", "Reports", reports(status=["RECEIVED"])),
        Case("reports, one municipality", "Reports",
             reports(municipality=lambda r: pick(MUNICIPALITIES, r))),
        Case("reports, one law", "Reports", reports(domain=lambda r: pick(LAWS, r))),
        Case("reports, municipality + law", "Reports",
             reports(municipality=lambda r: pick(MUNICIPALITIES, r),
                     domain=lambda r: pick(LAWS, r + 2))),
        Case("reports, of a large theme", "Reports", reports(themeId=lambda r: pick(big, r))),
        Case("reports, without theme", "Reports", reports(withoutTheme=True)),
        Case("reports, urgent", "Reports", reports(urgentOnly=True)),
        Case("reports, overdue", "Reports", reports(overdue=True)),
        Case("reports, service level broken", "Reports", reports(breached=True)),
        Case("reports, reopen requested", "Reports", reports(reopenRequested=True)),
        Case("reports, searched (common word)", "Reports",
             reports(search=lambda r: pick(SEARCHES, r))),
        Case("reports, searched (rare word)", "Reports",
             reports(search=lambda r: f"Melding {1000 + r * 7919}")),
        Case("reports, searched + municipality", "Reports",
             reports(search=lambda r: pick(SEARCHES, r),
                     municipality=lambda r: pick(MUNICIPALITIES, r))),
        Case("themes, newest", "Themes", lambda r, s: {"first": s}),
        Case("themes, one municipality", "Themes",
             lambda r, s: {"filter": {"municipality": pick(MUNICIPALITIES, r)}, "first": s}),
        Case("themes, one law", "Themes",
             lambda r, s: {"filter": {"domain": pick(LAWS, r)}, "first": s}),
        Case("themes, structural", "Themes",
             lambda r, s: {"filter": {"minStructuralScore": 0.9}, "first": s}),
        Case("theme detail, large theme", "Theme", lambda r, s: {"id": pick(big, r), "first": s}),
        Case("theme detail, typical theme", "Theme",
             lambda r, s: {"id": pick(typical, r), "first": s}),
        Case("report detail", "Report", lambda r, s: {"id": pick(report_ids, r)}, paged=False),
        Case("referral", "Referral", lambda r, s: {"id": pick(referral_ids, r)}, paged=False),
        Case("overdue referrals", "OverdueReferrals", lambda r, s: {"first": s}),
        Case("triage queue", "TriageQueue", lambda r, s: {"first": s}),
        Case("tag suggestions, large theme", "TagSuggestions",
             lambda r, s: {"themeId": pick(big, r)}, paged=False),
        Case("audit events of a report", "AuditEvents",
             lambda r, s: {"targetId": pick(report_ids, r), "first": s}),
        Case("survey results", "SurveyResults", lambda r, s: {}, paged=False),
    ]  # fmt: skip


async def measure(client: httpx.AsyncClient, themes: int, repeat: int) -> bool:
    async def send(name: str, variables: dict[str, Any]) -> float:
        started = time.perf_counter()
        answer = await client.post(
            "/graphql", json={"documentId": document_id(operation(name)), "variables": variables}
        )
        took = time.perf_counter() - started
        body = answer.json()
        assert answer.status_code == 200 and not body.get("errors"), (name, variables, body)
        return took * 1000

    conn = connections.get("default")
    floor = []
    for _ in range(repeat):
        started = time.perf_counter()
        await conn.execute_query("SELECT 1")
        floor.append((time.perf_counter() - started) * 1000)
    bare = []
    for _ in range(repeat):
        started = time.perf_counter()
        answer = await client.post("/graphql", json={"query": "{ __typename }"})
        assert answer.status_code == 200, answer.text
        bare.append((time.perf_counter() - started) * 1000)
    print(f"baseline: SELECT 1 p50 {statistics.median(floor):.2f} ms; "
          f"bare GraphQL request p50 {statistics.median(bare):.2f} ms")  # fmt: skip
    print(f"{'operation':34} {'p50 ms':>8} {'p95 ms':>8} {'SQL @10':>8} {'SQL @100':>9}  result")
    met = True
    for case in await cases(themes):
        for run in range(2):
            await send(case.name, case.variables(run, 20))
        times = [await send(case.name, case.variables(run, 20)) for run in range(repeat)]
        counts = []
        for size in (10, 100) if case.paged else (20,):
            with StatementCounter() as counter:
                await send(case.name, case.variables(0, size))
            counts.append(counter.count)
        p50, p95 = statistics.median(times), percentile(times, 0.95)
        constant = len(set(counts)) == 1
        ok = p95 <= TARGET_P95_MS and constant
        met &= ok
        at100 = f"{counts[-1]:>9}" if case.paged else f"{'—':>9}"
        print(f"{case.label:34} {p50:8.1f} {p95:8.1f} {counts[0]:>8} {at100}  "
              f"{'ok' if ok else 'NOT met'}", flush=True)  # fmt: skip
    overview = []
    for run in range(3):
        started = time.perf_counter()
        await send("Overview", {"start": "2025-12-01", "end": "2026-11-30",
                                "municipality": None if run % 2 else MUNICIPALITIES[0]})  # fmt: skip
        overview.append((time.perf_counter() - started) * 1000)
    print(f"periodic overview of a year (target <= 5 s, issue 14): "
          f"{', '.join(f'{t / 1000:.2f} s' for t in overview)}")  # fmt: skip
    return met


async def run(database_url: str, redis_url: str, workdir: Path, args: argparse.Namespace) -> None:
    await run_migrations(database_url)
    if not args.database:
        await init_database(database_url, pool_max=4)
        started = time.perf_counter()
        await fill(args.reports, args.themes)
        print(f"fill: {args.reports:,} reports in {args.themes:,} themes, "
              f"{time.perf_counter() - started:.0f} s", flush=True)  # fmt: skip
        await close_database()

    from signaalpunt.app import create_app

    public_url = "http://127.0.0.1:8765"
    settings = load_settings({
        **os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url,
        "SIGNAALPUNT_DATA_DIR": str(workdir / "data"), "SIGNAALPUNT_PUBLIC_URL": public_url,
        "SIGNAALPUNT_NAMESPACE": f"sp-bench-staff-{os.getpid()}", "SIGNAALPUNT_ACCESS_LOG": "0",
    })  # fmt: skip
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        token = issue_token(workdir / "data", issuer=f"{public_url}/dev-issuer",
                            audience="signaalpunt", role=Role.STAFF, subject="bench-staf")  # fmt: skip
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url=public_url, timeout=120,
            headers={"Authorization": f"Bearer {token}"},
        ) as client:  # fmt: skip
            print(machine())
            met = await measure(client, args.themes, args.repeat)
    print(f"target: every staff operation p95 <= {TARGET_P95_MS:.0f} ms with a statement count "
          f"that does not grow with the page: {'met' if met else 'NOT met'}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--themes", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--database", help="a database this bench filled before (kept; no fill)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="sp-staff-"))
    os.environ["SIGNAALPUNT_DATA_DIR"] = str(workdir / "data")
    if args.database:
        redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
        asyncio.run(run(args.database, redis_url, workdir, args))
        return
    with servers(workdir / "servers") as found, scratch_database(found.database_url) as db:
        asyncio.run(run(db, found.redis_url, workdir, args))


if __name__ == "__main__":
    main()
