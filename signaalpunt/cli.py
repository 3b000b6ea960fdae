"""Command line: `signaalpunt dev | api | worker | migrate | retention | prepare | dev-token`.

`dev` is the laptop command: embedded PostgreSQL and Redis (unless DATABASE_URL/REDIS_URL
are set), migrations, then the API and one worker as child processes. Production runs
`migrate`, `api` and `worker` as separate processes against configured servers.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from privacy import logging_filter
from signaalpunt.settings import get_settings

T = TypeVar("T")


def _resolve_urls(need_db: bool = True, need_redis: bool = True) -> tuple[str, str, object]:
    settings = get_settings()
    database_url, redis_url, embedded = settings.database_url, settings.redis_url, None
    if (need_db and not database_url) or (need_redis and not redis_url):
        from signaalpunt.embedded import start_embedded

        embedded = start_embedded(
            settings.data_dir,
            need_db=need_db and not database_url,
            need_redis=need_redis and not redis_url,
        )
        database_url = database_url or embedded.database_url
        redis_url = redis_url or embedded.redis_url
    return database_url or "", redis_url or "", embedded


def cmd_migrate(args: argparse.Namespace) -> int:
    from signaalpunt.database import run_migrations

    database_url, _, embedded = _resolve_urls(need_redis=False)
    asyncio.run(run_migrations(database_url))
    print("Migraties toegepast.")
    if embedded is not None:
        embedded.stop()  # type: ignore[attr-defined]
    return 0


def cmd_api(args: argparse.Namespace) -> int:
    import uvicorn

    settings = get_settings()
    uvicorn.run(
        "signaalpunt.app:create_app",
        factory=True,
        host=args.host or settings.host,
        port=args.port or settings.port,
        workers=args.workers,
        log_level="info",
        log_config=logging_filter.UVICORN_LOG_CONFIG,
        # One line per request (no client address) costs about a tenth of the API's CPU
        # under load; off in production unless asked for (the proxy in front logs too).
        access_log=settings.access_log,
        proxy_headers=False,
    )
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    from signaalpunt.worker import run_worker

    database_url, redis_url, embedded = _resolve_urls()
    try:
        run_worker(get_settings(), database_url, redis_url)
    finally:
        if embedded is not None:
            embedded.stop()  # type: ignore[attr-defined]
    return 0


def cmd_dev(args: argparse.Namespace) -> int:
    from signaalpunt.database import run_migrations

    settings = get_settings()
    database_url, redis_url, embedded = _resolve_urls()
    asyncio.run(run_migrations(database_url))
    env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url}
    children = [
        subprocess.Popen([sys.executable, "-m", "signaalpunt", "api"], env=env),
        subprocess.Popen([sys.executable, "-m", "signaalpunt", "worker"], env=env),
    ]
    print(
        f"Signaalpunt draait op {settings.public_url}/graphql (console: {settings.public_url}/console)."
        "\nOntwikkeltoken: signaalpunt dev-token --role staff. Stoppen: Ctrl-C.",
        flush=True,
    )

    def stop(*_: object) -> None:
        for child in children:
            if child.poll() is None:
                child.terminate()

    signal.signal(signal.SIGTERM, stop)
    try:
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop()
        for child in children:
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
        if embedded is not None:
            embedded.stop()  # type: ignore[attr-defined]
    return 0


def cmd_dev_token(args: argparse.Namespace) -> int:
    from auth.dev_issuer import issue_token
    from auth.roles import Role

    settings = get_settings()
    token = issue_token(
        settings.data_dir,
        issuer=settings.oidc_issuer,
        audience=settings.oidc_audience,
        role=Role(args.role),
        subject=args.sub,
        municipality=args.municipality,
        partner=args.partner,
        name=args.name,
        ttl_seconds=args.ttl,
    )
    print(token)
    return 0


def cmd_export_schema(args: argparse.Namespace) -> int:
    import json

    from frontend_contract import PERSISTED_PATH, SDL_PATH, persisted_documents
    from signaalpunt.contract import current_sdl

    SDL_PATH.write_text(current_sdl(), encoding="utf-8")
    PERSISTED_PATH.write_text(
        json.dumps(persisted_documents(), indent=2, ensure_ascii=False, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    print(f"Bekende vragen (trusted documents) geschreven naar {PERSISTED_PATH}")
    print(f"Schema geschreven naar {SDL_PATH}")
    return 0


def cmd_release_contract(args: argparse.Namespace) -> int:
    from signaalpunt.contract import release

    release(args.version)
    print(f"Contract {args.version} vastgelegd in frontend_contract/release.graphql")
    return 0


def cmd_prepare(args: argparse.Namespace) -> int:
    """What an install does once, so no process pays for it at start: build the lookup
    structures of the Dutch de-identifier into its cache, and compile the web client's
    translation catalogues."""
    import logging

    logging.getLogger().setLevel(logging.WARNING)
    from privacy.deidentify import prepare

    prepare()
    print("Klaar: de lijsten voor het afschermen van persoonsgegevens staan in de cache.")
    from web.i18n import compile_catalogues

    print(f"Vertalingen gecompileerd: {', '.join(compile_catalogues())}.")
    return 0


def _on_database(work: Callable[[], Awaitable[T]]) -> T:
    """Run one piece of database work from the command line (embedded servers when no URL
    is configured), then close everything."""
    from signaalpunt.database import close_database, init_database

    database_url, _, embedded = _resolve_urls(need_redis=False)

    async def run() -> T:
        await init_database(database_url, pool_max=2)
        try:
            return await work()
        finally:
            await close_database()

    try:
        return asyncio.run(run())
    finally:
        if embedded is not None:
            embedded.stop()  # type: ignore[attr-defined]


def cmd_retention(args: argparse.Namespace) -> int:
    """Anonymise what the retention schedule says is due now, or (--dry-run) count it."""
    from workers.retention import run_retention

    settings = get_settings()
    result = _on_database(lambda: run_retention(settings.retention, dry_run=args.dry_run))
    schedule = settings.retention
    days = {"closed": schedule.closed_days, "declined": schedule.declined_days,
            "untaken": schedule.untaken_days}  # fmt: skip
    what = {"closed": "afgerond", "declined": "niet in behandeling genomen",
            "untaken": "nooit verder gekomen dan ontvangen"}  # fmt: skip
    verb = "zou anonimiseren" if args.dry_run else "geanonimiseerd"
    for rule, count in result.counts.items():
        print(f"{rule:9} {count:7d}  {what[rule]}, meer dan {days[rule]} dagen: {verb}")
    return 0


def cmd_service_levels(args: argparse.Namespace) -> int:
    """Mark the reports whose triage or first answer is late (the worker does this daily)."""
    from workers.service_level_breaches import mark_breaches

    found = _on_database(mark_breaches)
    print(f"te laat: {found.first_answer} eerste antwoord(en), {found.triage} triage(s), "
          f"{found.partner_answer} antwoord(en) van partners")  # fmt: skip
    return 0


def cmd_overview(args: argparse.Namespace) -> int:
    """Write the periodic overview of a period as CSV, HTML or PDF, with a progress bar."""
    from datetime import date
    from pathlib import Path

    from rich.progress import Progress

    from domain.overview import STEPS, figures
    from workers.overview_export import OverviewDocument, write

    settings = get_settings()
    start, end = date.fromisoformat(args.start), date.fromisoformat(args.end)
    code = args.municipality.upper() if args.municipality else None
    steps = STEPS * (2 if code else 1) + 1
    with Progress(transient=False) as progress:
        task = progress.add_task("Overzicht", total=steps)

        def step(what: str) -> None:
            progress.update(task, advance=1, description=f"Overzicht: {what}")

        async def compute() -> OverviewDocument:
            threshold = settings.small_count_threshold
            national = await figures(start, end, municipality=None, threshold=threshold,
                                     progress=step)  # fmt: skip
            scope = national if code is None else await figures(
                start, end, municipality=code, threshold=threshold, progress=step
            )  # fmt: skip
            return OverviewDocument(start, end, threshold, scope, national)

        document = _on_database(compute)
        progress.update(task, description=f"Overzicht: {args.format} schrijven")
        write(document, args.format, Path(args.out))
        progress.update(task, completed=steps)
    print(f"Geschreven: {args.out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    logging_filter.install()
    parser = argparse.ArgumentParser(prog="signaalpunt", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("dev", help="API + worker op ingebouwde (of ingestelde) services").set_defaults(
        func=cmd_dev
    )
    api = sub.add_parser("api", help="alleen de API (productie)")
    api.add_argument("--host")
    api.add_argument("--port", type=int)
    api.add_argument("--workers", type=int, default=1)
    api.set_defaults(func=cmd_api)
    sub.add_parser("worker", help="alleen een arq-worker (productie)").set_defaults(func=cmd_worker)
    sub.add_parser("migrate", help="databasemigraties toepassen").set_defaults(func=cmd_migrate)
    sub.add_parser("export-schema", help="frontend_contract/schema.graphql bijwerken").set_defaults(
        func=cmd_export_schema
    )
    sub.add_parser("prepare", help="eenmalige voorbereiding na installatie").set_defaults(
        func=cmd_prepare
    )
    retention = sub.add_parser(
        "retention", help="originelen en contactgegevens anonimiseren volgens het schema"
    )
    retention.add_argument(
        "--dry-run", action="store_true", help="alleen laten zien wat de volgende run zou doen"
    )
    retention.set_defaults(func=cmd_retention)
    overview = sub.add_parser("overview", help="het periodieke overzicht als CSV, HTML of PDF")
    overview.add_argument("--from", dest="start", required=True, help="eerste dag, JJJJ-MM-DD")
    overview.add_argument("--to", dest="end", required=True, help="laatste dag, JJJJ-MM-DD")
    overview.add_argument("--municipality", help="CBS-code, bijvoorbeeld GM0363 (leeg: heel NL)")
    overview.add_argument("--format", choices=["csv", "html", "pdf"], default="html")
    overview.add_argument("--out", required=True, help="het bestand om te schrijven")
    overview.set_defaults(func=cmd_overview)
    sub.add_parser(
        "service-levels",
        help="signalen markeren waarvan de triage of het eerste antwoord te laat is",
    ).set_defaults(func=cmd_service_levels)
    release = sub.add_parser("release-contract", help="het huidige schema als release vastleggen")
    release.add_argument("version")
    release.set_defaults(func=cmd_release_contract)
    token = sub.add_parser("dev-token", help="ontwikkeltoken voor een rol")
    token.add_argument(
        "--role",
        required=True,
        choices=["resident", "professional", "staff", "municipality", "partner"],
    )
    token.add_argument("--sub", help="subject (standaard: willekeurig)")
    token.add_argument("--municipality", help="CBS-code, voor de rol municipality")
    token.add_argument(
        "--partner", choices=["NATIONALE_OMBUDSMAN", "VNG"], help="voor de rol partner"
    )
    token.add_argument("--name")
    token.add_argument("--ttl", type=int, default=8 * 3600)
    token.set_defaults(func=cmd_dev_token)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
