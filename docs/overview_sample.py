"""A sample of the periodic overview for the README: a scratch database with made-up
figures (30,000 reports over 2025, six tagged themes, four referrals at different stages),
written by the production code (`domain.overview` + `workers.overview_export`) as PDF, whose
pages `pdftoppm` (Debian's poppler-utils) turns into docs/overview/page-N.png.

    .venv/bin/python -m docs.overview_sample
"""

from __future__ import annotations

import asyncio
import subprocess
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tortoise import connections

from bench.overview_scale import fill_reports
from domain.overview import figures
from models import Referral, Theme
from signaalpunt.database import close_database, init_database, run_migrations
from signaalpunt.harness import scratch_database, servers
from workers.overview_export import OverviewDocument, to_pdf

OUT = Path(__file__).parent / "overview"
THEMES = [
    ("Kostendelersnorm bij inwonende kinderen", "NATIONAL", ["KADER"], "PARTICIPATIEWET"),
    ("Terugvordering toeslagen na kleine inkomensstijging", "NATIONAL", ["KADER", "BEVOEGDHEDEN"], "TOESLAGEN"),
    ("Elk jaar opnieuw dezelfde papieren voor de Wlz", "MUNICIPALITY", ["INFORMATIE"], "WLZ"),
    ("Jeugdhulp stopt op de 18e verjaardag", "MUNICIPALITY", ["NETWERK", "KADER"], "JEUGDWET"),
    ("Klantmanager mag geen maatwerk bieden", "PROFESSIONAL", ["BEVOEGDHEDEN", "EXPERTISE"], "PARTICIPATIEWET"),
    ("Brieven die niemand begrijpt", "PROFESSIONAL", ["KERNWAARDEN", "INFORMATIE"], "GEMEENTELIJKE_BELASTINGEN"),
]  # fmt: skip


async def fill(database_url: str) -> OverviewDocument:
    await run_migrations(database_url)
    await init_database(database_url, pool_max=6)
    conn = connections.get("default")
    await fill_reports(conn, 30_000)
    sent = datetime(2025, 6, 2, 9, tzinfo=UTC)
    for n, (label, level, elements, law) in enumerate(THEMES):
        theme = await Theme.create(label=label, label_locked=True, status="CONFIRMED",
                                   bottleneck_level=level, elements=elements)  # fmt: skip
        await conn.execute_query(
            "UPDATE report SET theme_id = $1 WHERE id IN (SELECT id FROM report "
            "WHERE domains ? $2 AND theme_id IS NULL LIMIT 400)",
            [str(theme.id), law],
        )
        if n < 4:
            stage = ["CLOSED", "ANSWERED", "ACKNOWLEDGED", "SENT"][n]
            answered = stage in ("CLOSED", "ANSWERED")
            await Referral.create(
                theme=theme, addressee="VNG" if n % 2 else "NATIONALE_OMBUDSMAN", status=stage,
                requested_by="staff", sent_at=sent, acknowledged_at=sent + timedelta(days=3)
                if stage != "SENT" else None,
                answered_at=sent + timedelta(days=40 + 9 * n) if answered else None,
                closed_at=sent + timedelta(days=60) if stage == "CLOSED" else None,
                answer="We nemen dit mee in het overleg met het ministerie en melden ons in "
                "het najaar." if answered else None,
            )  # fmt: skip
    start, end = date(2025, 1, 1), date(2025, 12, 31)
    national = await figures(start, end, municipality=None, threshold=5)
    scope = await figures(start, end, municipality="GM0363", threshold=5)
    await close_database()
    return OverviewDocument(start, end, 5, scope, national)


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="sp-overview-sample-"))
    with servers(workdir / "servers") as found, scratch_database(found.database_url) as db:
        document = asyncio.run(fill(db))
    OUT.mkdir(exist_ok=True)
    pdf = workdir / "overzicht.pdf"
    pdf.write_bytes(to_pdf(document))
    for old in OUT.glob("page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(OUT / "page")], check=True)
    print(f"written: {sorted(p.name for p in OUT.glob('page-*.png'))}")


if __name__ == "__main__":
    main()
