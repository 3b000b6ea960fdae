"""The worker's engine jobs against real PostgreSQL and Redis: staff decisions respected,
idempotent reruns, bursts drained in batches."""

from __future__ import annotations

import asyncio
import time
import uuid

import asyncpg
import pytest
from arq import create_pool
from arq.jobs import Job

from domain.engine.themes import SPLIT_MIN_CASES
from frontend_contract import operation
from messaging.redis_client import arq_settings
from signaalpunt.harness import asyncpg_args
from tests.stack import Stack
from tests.support import wait_until
from tests.texts import INBURGERING, JEUGD18, KOSTENDELER, PGB
from workers.locks import DECIDING_LOCK, DISCOVERY_LOCK


def _submit(stack: Stack, text: str, municipality: str = "GM0014") -> dict:
    # No box ticked, as about half of all reporters: ticked boxes tip the theme vectors, and
    # one box ticked on the reports of every mechanism here would pull them together (a CJIB
    # fine and a fine for late inburgering then share "boete" and the box).
    data = stack.api.gql(
        operation("SubmitReport"),
        {"input": {"text": text, "reporterRole": "RESIDENT", "channel": "WEB", "municipality": municipality}},
    )  # fmt: skip
    return data["submitReport"]


def _report(stack: Stack, report_id: str, staff: str) -> dict:
    return stack.api.gql(operation("Report"), {"id": report_id}, staff)["report"]


def _processed(stack: Stack, report_id: str, staff: str) -> dict:
    return wait_until(
        lambda: (r := _report(stack, report_id, staff))["processed"] and r, timeout=60
    )


UNMERGE_BASE = (
    "Na de herbeoordeling voor de Wajong zegt het UWV dat ik arbeidsvermogen heb. Ik ben 23 en "
    "heb sinds mijn 12e epilepsie. Mijn uitkering stopt per 1 maart en ik vind geen werk."
)


def test_staff_unmerge_is_respected_by_later_runs(stack: Stack) -> None:
    staff = stack.token("staff")
    first = _submit(stack, UNMERGE_BASE)
    second = _submit(stack, "Hallo, " + UNMERGE_BASE.replace("arbeidsvermogen", "arbeidsvermogn"))
    _processed(stack, first["reference"], staff)
    joined = _processed(stack, second["reference"], staff)
    assert [d["id"] for d in joined["duplicates"]["nodes"]] == [first["reference"]]

    result = stack.api.gql(
        operation("UnmergeDuplicate"), {"input": {"reportId": second["reference"]}}, staff
    )
    assert result["unmergeDuplicate"]["report"]["duplicates"]["nodes"] == []

    # A third copy resembles both; it joins one case but never glues the two back together.
    third = _submit(stack, UNMERGE_BASE + " Ik heb dit al eerder gemeld.")
    _processed(stack, third["reference"], staff)
    first_now = _report(stack, first["reference"], staff)
    second_now = _report(stack, second["reference"], staff)
    assert first_now["duplicateGroupId"] != second_now["duplicateGroupId"]
    audit = stack.api.gql(operation("AuditEvents"), {"targetId": second["reference"]}, staff)[
        "auditEvents"
    ]["nodes"]
    assert "report.duplicate_unmerged" in {e["action"] for e in audit}

    # And merging is possible again, by staff, explicitly.
    merged = stack.api.gql(
        operation("MergeDuplicates"),
        {"input": {"reportId": second["reference"], "intoReportId": first["reference"]}},
        staff,
    )["mergeDuplicates"]
    assert merged["__typename"] == "DuplicatesMerged"
    assert (
        merged["report"]["duplicateGroupId"]
        == _report(stack, first["reference"], staff)["duplicateGroupId"]
    )


async def _run_job_again(stack: Stack, function: str, *args: str) -> object:
    pool = await create_pool(
        arq_settings(stack.redis_url), default_queue_name=f"{stack.namespace}:queue"
    )
    try:
        job: Job | None = await pool.enqueue_job(
            function, *args, _job_id=f"rerun-{uuid.uuid4().hex}"
        )
        assert job is not None
        return await job.result(timeout=30)
    finally:
        await pool.aclose()


def test_processing_job_rerun_changes_nothing(stack: Stack) -> None:
    staff = stack.token("staff")
    text = (
        "Mijn zorgverzekering werd opgezegd na een betalingsachterstand van 3 maanden. Nu zit ik in "
        "de wanbetalersregeling en betaal ik 150 procent premie terwijl ik een regeling heb."
    )
    submitted = _submit(stack, text, "GM0080")
    before = _processed(stack, submitted["reference"], staff)
    bands = stack.sql(
        "SELECT count(*) AS n FROM report_band WHERE report_id = $1::uuid", submitted["reference"]
    )
    result = asyncio.run(_run_job_again(stack, "process_report", submitted["reference"]))
    assert result == "already processed"
    after = _report(stack, submitted["reference"], staff)
    assert after["duplicateGroupId"] == before["duplicateGroupId"]
    assert (
        stack.sql(
            "SELECT count(*) AS n FROM report_band WHERE report_id = $1::uuid",
            submitted["reference"],
        )
        == bands
    )
    # Discovery rerun: whatever it finds, themes that exist keep their ids.
    themes_before = {
        t["node"]["id"]
        for t in stack.api.gql(operation("Themes"), {"first": 100}, staff)["themes"]["edges"]
    }
    asyncio.run(_run_job_again(stack, "discover_themes"))
    asyncio.run(_run_job_again(stack, "discover_themes"))
    themes_after = {
        t["node"]["id"]
        for t in stack.api.gql(operation("Themes"), {"first": 100}, staff)["themes"]["edges"]
    }
    assert themes_before <= themes_after


def test_staff_move_and_rename_are_respected(stack: Stack) -> None:
    staff = stack.token("staff")
    texts = [
        (
            "Mijn WW-uitkering werd gekort omdat ik mij een dag te laat had ingeschreven bij het UWV. "
            "Ik was die week in het ziekenhuis opgenomen.",
            "GM0772",
        ),
        (
            "Het UWV legde mij een WW-maatregel op omdat ik te laat was met inschrijven als "
            "werkzoekende. Ik wist niet dat het binnen een paar dagen moest.",
            "GM0193",
        ),
        (
            "Sanctie op de WW omdat ik mij te laat inschreef als werkzoekende bij het UWV; niemand "
            "vertelde me de termijn.",
            "GM0268",
        ),
    ]
    submitted = [_submit(stack, t, m) for t, m in texts]
    themed = [wait_until(lambda s=s: (r := _report(stack, s["reference"], staff))["theme"] and r, timeout=60)
              for s in submitted[:2]]  # fmt: skip
    theme_id = themed[0]["theme"]["id"]
    renamed = stack.api.gql(
        operation("RenameTheme"),
        {"input": {"themeId": theme_id, "label": "WW-sanctie bij te late inschrijving"}},
        staff,
    )
    assert renamed["renameTheme"]["theme"]["labelLocked"] is True

    # Move the third report to another theme made by staff decisions: it stays there.
    other = _submit(
        stack,
        "Mijn huurtoeslag is stopgezet omdat de Belastingdienst mijn inkomen van vorig jaar te "
        "hoog schatte. Ik ben alleenstaand met twee kinderen en moet nu 900 euro terugbetalen.",
        "GM0772",
    )
    other2 = _submit(
        stack,
        "Wij kregen een terugvordering van de huurtoeslag van 2300 euro. Het geschatte inkomen "
        "klopte niet omdat mijn man ziek werd. De Belastingdienst wil het in één keer terug.",
        "GM0599",
    )
    target = wait_until(
        lambda: (r := _report(stack, other["reference"], staff))["theme"] and r, timeout=60
    )["theme"]["id"]
    _ = other2
    moved = stack.api.gql(
        operation("MoveReportToTheme"),
        {"input": {"reportId": submitted[2]["reference"], "themeId": target}},
        staff,
    )
    assert moved["moveReportToTheme"]["report"]["theme"]["id"] == target
    asyncio.run(_run_job_again(stack, "discover_themes"))
    asyncio.run(_run_job_again(stack, "refresh_theme", theme_id))
    assert _report(stack, submitted[2]["reference"], staff)["theme"]["id"] == target
    theme = stack.api.gql(operation("Theme"), {"id": theme_id, "first": 5}, staff)["theme"]
    assert theme["label"] == "WW-sanctie bij te late inschrijving"


def test_staff_merge_and_split_of_themes_are_respected(stack: Stack) -> None:
    staff = stack.token("staff")
    cjib = [
        (
            "Mijn CJIB-boete van 90 euro is verdubbeld naar 180 euro omdat de brief naar mijn oude "
            "adres ging. Ik wist niet eens dat ik een boete had.",
            "GM0344",
        ),
        (
            "Het CJIB stuurde de brief over mijn boete naar mijn oude adres. Nu is de boete "
            "verhoogd en verdubbeld en moet ik 250 euro betalen in plaats van 125.",
            "GM0855",
        ),
    ]
    duo = [
        (
            "DUO rekent het inkomen van mijn partner mee bij de draagkrachtmeting voor mijn "
            "studieschuld. Daardoor moet ik 320 euro per maand aflossen.",
            "GM0014",
        ),
        (
            "Door het inkomen van mijn vriend rekent DUO een veel hogere aflossing van mijn "
            "studielening. Wij kunnen 410 euro per maand niet betalen.",
            "GM0202",
        ),
    ]
    ids = [_submit(stack, t, m)["reference"] for t, m in cjib + duo]
    themed = [
        wait_until(lambda i=i: (r := _report(stack, i, staff))["theme"] and r, timeout=60)
        for i in ids
    ]
    cjib_theme, duo_theme = themed[0]["theme"]["id"], themed[2]["theme"]["id"]
    assert cjib_theme != duo_theme

    merged = stack.api.gql(
        operation("MergeThemes"),
        {"input": {"themeId": duo_theme, "intoThemeId": cjib_theme}},
        staff,
    )["mergeThemes"]
    assert merged["__typename"] == "ThemesMerged" and merged["theme"]["caseCount"] == 4
    source = stack.api.gql(operation("Theme"), {"id": duo_theme, "first": 5}, staff)["theme"]
    assert source["status"] == "MERGED" and source["mergedIntoId"] == cjib_theme

    # A new DUO report no longer lands in the merged-away theme.
    late = _submit(stack, "DUO telt het salaris van mijn partner mee voor mijn studieschuld en "
                          "nu moet ik 290 euro per maand terugbetalen.", "GM0034")["reference"]  # fmt: skip
    theme_of_late = wait_until(
        lambda: (r := _report(stack, late, staff))["processed"] and r, timeout=60
    )["theme"]
    assert theme_of_late is None or theme_of_late["id"] != duo_theme

    split = stack.api.gql(
        operation("SplitTheme"),
        {
            "input": {
                "themeId": cjib_theme,
                "reportIds": ids[2:],
                "label": "Partnerinkomen bij DUO-aflossing",
            }
        },
        staff,
    )["splitTheme"]
    assert split["__typename"] == "ThemeSplit", split
    new_theme = split["newTheme"]
    assert (
        new_theme["labelLocked"]
        and new_theme["status"] == "CONFIRMED"
        and new_theme["caseCount"] == 2
    )
    assert split["theme"]["caseCount"] >= 2
    asyncio.run(_run_job_again(stack, "discover_themes"))
    assert {_report(stack, i, staff)["theme"]["id"] for i in ids[2:]} == {new_theme["id"]}


def test_a_burst_of_submissions_is_drained_in_batches(stack: Stack) -> None:
    """Submissions ask for a drain; it processes the waiting reports several at a time."""
    from concurrent.futures import ThreadPoolExecutor

    staff = stack.token("staff")
    texts = [
        f"Mijn kwijtschelding voor de afvalstoffenheffing van {200 + n} euro is afgewezen omdat "
        f"ik {n + 3} maanden geleden een oude auto van {900 + 37 * n} euro heb gekocht."
        for n in range(24)
    ]
    with ThreadPoolExecutor(max_workers=8) as pool:
        submitted = list(pool.map(lambda t: _submit(stack, t, "GM0599"), texts))
    ids = [s["reference"] for s in submitted]
    for report_id in ids:
        _processed(stack, report_id, staff)
    stamps = "SELECT id::text, processed_at FROM report WHERE id = ANY($1::uuid[]) ORDER BY id"
    before = stack.sql(stamps, ids)
    assert len({row["processed_at"] for row in before}) < len(ids)
    assert "process_waiting" in (stack.log_dir / "worker.log").read_text()
    # Running the drain again (other tests' drains may be running) changes none of them.
    asyncio.run(_run_job_again(stack, "process_waiting"))
    assert stack.sql(stamps, ids) == before
    done = stack.sql("SELECT count(*) AS n FROM outbox_job WHERE job_key = ANY($1::text[]) "
                     "AND completed_at IS NOT NULL", [f"process_report:{i}" for i in ids])  # fmt: skip
    assert done[0]["n"] == len(ids)


def test_a_theme_staff_merged_is_not_split_by_later_discovery(stack: Stack) -> None:
    """Discovery splits grown proposed themes that fell apart, but never one staff merged."""
    staff = stack.token("staff")
    months = ["januari", "februari", "maart", "april", "mei", "juni"]
    texts = [t.format(month=months[n], n=400 + 137 * n) for n, t in enumerate(PGB)]
    texts += [t.format(month=months[n], n=19 + 3 * n) for n, t in enumerate(KOSTENDELER)]
    ids = [_submit(stack, t, "GM0153")["reference"] for t in texts]
    for report_id in ids:
        _processed(stack, report_id, staff)
    asyncio.run(_run_job_again(stack, "discover_themes"))
    # A case that fits nothing yet may wait for discovery; the others have a theme.
    themed = [i for i in ids if _report(stack, i, staff)["theme"]]
    assert len(themed) >= SPLIT_MIN_CASES, f"only {len(themed)} of {len(ids)} have a theme"
    themes = [_report(stack, i, staff)["theme"]["id"] for i in themed]
    target = themes[0]
    for other in sorted(set(themes) - {target}):
        merged = stack.api.gql(
            operation("MergeThemes"), {"input": {"themeId": other, "intoThemeId": target}}, staff
        )["mergeThemes"]
        assert merged["__typename"] == "ThemesMerged", merged
    assert {_report(stack, i, staff)["theme"]["id"] for i in themed} == {target}

    asyncio.run(_run_job_again(stack, "discover_themes"))
    asyncio.run(_run_job_again(stack, "recluster_themes"))
    assert {_report(stack, i, staff)["theme"]["id"] for i in themed} == {target}


def _stale_counts(stack: Stack) -> list[dict]:
    """Open themes whose case count is not the number of cases in them."""
    return stack.sql(
        "SELECT t.id, t.status, t.case_count, t.refresh_requested_at FROM theme t "
        "WHERE t.status IN ('PROPOSED', 'CONFIRMED') AND t.case_count <> (SELECT count(DISTINCT "
        "coalesce(r.duplicate_group_id, r.id)) FROM report r WHERE r.theme_id = t.id)"
    )


def test_reclustering_as_a_whole_keeps_ids_explains_moves_and_reruns_idle(stack: Stack) -> None:
    """The scheduled re-clustering: every case the engine placed in a theme, each theme still
    holding its own cases keeps its id, every placement explained, a rerun moves nothing."""
    staff = stack.token("staff")
    months = ["januari", "februari", "maart", "april", "mei", "juni"]
    texts = [t.format(month=months[n], n=5 + 3 * n) for n, t in enumerate(JEUGD18)]
    texts += [t.format(month=months[n], n=12 + 4 * n) for n, t in enumerate(INBURGERING)]
    ids = [_submit(stack, t, "GM0363")["reference"] for t in texts]
    for report_id in ids:
        _processed(stack, report_id, staff)
    asyncio.run(_run_job_again(stack, "discover_themes"))
    asyncio.run(_run_job_again(stack, "recluster_themes"))
    reports = [_report(stack, i, staff) for i in ids]
    # A case like no other may stay alone (other tests' reports share this database), but
    # nearly all are placed, and the two mechanisms never share a theme.
    themed = [r for r in reports if r["theme"]]
    assert len(themed) >= 10, [r["theme"] for r in reports]
    jeugd = {r["theme"]["id"] for r in reports[:6] if r["theme"]}
    inburgering = {r["theme"]["id"] for r in reports[6:] if r["theme"]}
    assert len(inburgering) == 1 and not jeugd & inburgering
    kinds = {r["themeEvidence"]["kind"] for r in themed}
    assert kinds <= {"NEAREST_THEME", "DISCOVERED", "RECLUSTERED", "CASE"}
    assert all(r["themeEvidence"]["similarity"] is not None or r["themeEvidence"]["viaReport"]
               for r in themed)  # fmt: skip

    # No theme's counts are stale after cases moved between themes.
    assert _stale_counts(stack) == []

    assert asyncio.run(_run_job_again(stack, "recluster_themes")) == 0
    assert [(_report(stack, i, staff)["theme"] or {}).get("id") for i in ids] == [
        (r["theme"] or {}).get("id") for r in reports
    ]


def test_reclustering_brings_a_report_left_behind_to_its_cases_theme(stack: Stack) -> None:
    """A report joining a case inherits the theme its case had when its batch read it; when
    discovery moved the case meanwhile, the report is left behind, and the case itself is
    already where it belongs. That race cannot be timed from outside, so the test makes its
    outcome directly (the later report without a theme, or in another theme) and the next
    re-clustering must bring the report to its case's theme and keep the counts right."""
    staff = stack.token("staff")
    months = ["januari", "februari", "maart", "april", "mei", "juni"]
    texts = [t.format(month=months[n], n=7 + 2 * n) for n, t in enumerate(JEUGD18)]
    ids = [_submit(stack, t, "GM0344")["reference"] for t in texts]
    again = _submit(stack, texts[0].replace(".", "!", 1) + " Ik wacht nog steeds.", "GM0344")
    for report_id in [*ids, again["reference"]]:
        _processed(stack, report_id, staff)
    asyncio.run(_run_job_again(stack, "discover_themes"))
    asyncio.run(_run_job_again(stack, "recluster_themes"))
    case, later = _report(stack, ids[0], staff), _report(stack, again["reference"], staff)
    assert later["duplicateGroupId"] == case["duplicateGroupId"]
    assert case["theme"] is not None and later["theme"] == case["theme"]

    stack.sql("UPDATE report SET theme_id = NULL WHERE id = $1::uuid", again["reference"])
    changed = asyncio.run(_run_job_again(stack, "recluster_themes"))
    assert isinstance(changed, int) and changed >= 1
    later = _report(stack, again["reference"], staff)
    assert (later["theme"] or {}).get("id") == case["theme"]["id"]
    assert later["themeEvidence"]["kind"] == "CASE"
    assert _stale_counts(stack) == []
    assert asyncio.run(_run_job_again(stack, "recluster_themes")) == 0


# A session holding the discovery lock and waiting for the deciding lock (advisory locks on a
# bigint show in pg_locks as its high and low 32 bits).
_RUN_WAITING_FOR_DECIDING = """
SELECT w.pid FROM pg_locks w JOIN pg_locks d ON d.pid = w.pid
WHERE w.locktype = 'advisory' AND NOT w.granted
  AND w.classid::bigint = $1 AND w.objid::bigint = $2
  AND d.locktype = 'advisory' AND d.granted AND d.classid::bigint = 0 AND d.objid::bigint = $3
"""


async def _while_a_batch_decides(
    stack: Stack, job: str, report_ids: list[str], meanwhile: str | None = None
) -> tuple[bool, int]:
    """Hold the deciding lock as a processing batch does and run `job` meanwhile: whether a run
    of it (this one or the worker's own) came to wait for the lock, and how many of the
    reports got a theme while the lock was held. `meanwhile` (SQL about the reports, $1) is
    written under the lock once the run waits."""
    conn = await asyncpg.connect(**asyncpg_args(stack.database_url))
    try:
        async with conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock($1)", DECIDING_LOCK)
            running = asyncio.create_task(_run_job_again(stack, job))
            deadline = time.monotonic() + 60
            waited = False
            while not waited and not running.done() and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
                waited = bool(await conn.fetch(
                    _RUN_WAITING_FOR_DECIDING, DECIDING_LOCK >> 32, DECIDING_LOCK & 0xFFFFFFFF,
                    DISCOVERY_LOCK,
                ))  # fmt: skip
            themed = await conn.fetchval(
                "SELECT count(*) FROM report WHERE id = ANY($1::uuid[]) AND theme_id IS NOT NULL",
                report_ids,
            )
            if meanwhile is not None:
                await conn.execute(meanwhile, report_ids)
        await running
        return waited, themed
    finally:
        await conn.close()


def _cases_without_a_theme(
    stack: Stack, texts: list[str], first: int, municipality: str
) -> list[str]:
    """Reports of one mechanism, processed, then all of their cases without a theme, so that
    discovery has something to write (the reports may have joined cases of other tests)."""
    staff = stack.token("staff")
    months = ["januari", "februari", "maart", "april", "mei", "juni"]
    told = [t.format(month=months[n], n=first + 3 * n) for n, t in enumerate(texts)]
    ids = [_submit(stack, t, municipality)["reference"] for t in told]
    for report_id in ids:
        _processed(stack, report_id, staff)
    stack.sql(
        "UPDATE report SET theme_id = NULL WHERE duplicate_group_id IN "
        "(SELECT duplicate_group_id FROM report WHERE id = ANY($1::uuid[]))",
        ids,
    )
    return ids


@pytest.mark.parametrize("job", ["discover_themes", "recluster_themes"])
def test_discovery_and_reclustering_write_only_between_batches(stack: Stack, job: str) -> None:
    """A batch reads its candidates' themes and writes its reports under the deciding lock;
    discovery and the re-clustering compute outside it and wait for it to write, so a case is
    never moved between a batch's read and its write (the report would be left behind)."""
    staff = stack.token("staff")
    ids = _cases_without_a_theme(stack, JEUGD18, 31, "GM0758")
    waited, themed = asyncio.run(_while_a_batch_decides(stack, job, ids))
    assert waited, f"no {job} run waited for the deciding lock"
    assert themed == 0
    wait_until(lambda: any(_report(stack, i, staff)["theme"] for i in ids), timeout=60)


_DISCOVERY_HELD = """
SELECT pid FROM pg_locks
WHERE locktype = 'advisory' AND granted AND classid::bigint = 0 AND objid::bigint = $1
"""
_EMPTY_PROPOSED = """
SELECT t.id::text AS id FROM theme t WHERE t.status = 'PROPOSED'
AND NOT EXISTS (SELECT 1 FROM report r WHERE r.theme_id = t.id)
"""


@pytest.mark.parametrize(
    ("job", "mechanism"), [("discover_themes", JEUGD18), ("recluster_themes", PGB)]
)
def test_cases_placed_while_a_run_computed_leave_no_empty_theme(
    stack: Stack, job: str, mechanism: list[str]
) -> None:
    """Staff may place the cases a run found a new theme for while it computes: it then
    proposes no theme (one would be announced with no case in it). A mechanism of its own
    for each job: the first leaves its cases placed."""
    staff = stack.token("staff")
    ids = _cases_without_a_theme(stack, mechanism, 40, "GM0796")
    themes_before = {row["id"] for row in stack.sql("SELECT id::text AS id FROM theme")}
    target = stack.sql(
        "SELECT id::text AS id FROM theme WHERE status <> 'ARCHIVED' ORDER BY created_at LIMIT 1"
    )[0]["id"]
    # Staff move every report of these cases into a theme while the run computes, as
    # moveReportToTheme writes it.
    placed = (
        f"UPDATE report SET theme_id = '{target}'::uuid, theme_locked = true "
        "WHERE duplicate_group_id IN (SELECT duplicate_group_id FROM report "
        "WHERE id = ANY($1::uuid[]))"
    )
    waited, _ = asyncio.run(_while_a_batch_decides(stack, job, ids, meanwhile=placed))
    assert waited, f"no {job} run waited for the deciding lock"
    # The run that waited may be the worker's own: wait until no run holds the discovery
    # lock (the re-clustering's own run is awaited by `_while_a_batch_decides`).
    wait_until(lambda: not stack.sql(_DISCOVERY_HELD, DISCOVERY_LOCK), timeout=60)
    # (A theme emptied by this test's own un-theming above may wait for its archiving.)
    assert {row["id"] for row in stack.sql(_EMPTY_PROPOSED)} <= themes_before
    assert all((_report(stack, i, staff)["theme"] or {}).get("id") == target for i in ids)
