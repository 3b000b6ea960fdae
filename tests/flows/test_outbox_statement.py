"""A new row and its outbox job go to PostgreSQL as one statement: both land, or neither."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from tortoise.context import TortoiseContext
from tortoise.exceptions import IntegrityError

from messaging.jobs import Job, job_key
from messaging.outbox import create_with_job
from models import OutboxJob, Report
from signaalpunt.database import run_migrations, tortoise_config
from signaalpunt.harness import Servers, scratch_database
from tests.stack import sql_on


def _report(marker: str) -> Report:
    return Report(
        text=f"{marker} De gemeente telt de boodschappen van mijn moeder als inkomen.",
        masked_text=f"{marker} De gemeente telt de boodschappen van mijn moeder als inkomen.",
        language="nl",
        reporter_role="RESIDENT",
        channel="WEB",
        municipality_code="GM0363",
        anonymous=False,
    )


@pytest.fixture(scope="module")
def database_url(real_servers: Servers) -> object:
    with scratch_database(real_servers.database_url) as url:
        asyncio.run(run_migrations(url))
        yield url


def test_the_row_and_its_job_are_written_together(database_url: str) -> None:
    report = _report(uuid.uuid4().hex)

    async def run() -> None:
        async with TortoiseContext() as orm:  # its own: an in-process stack may hold the global
            await orm.init(config=tortoise_config(database_url, pool_max=2))
            await create_with_job(report, Job.PROCESS_REPORT, str(report.id), [str(report.id)])

    asyncio.run(run())
    rows = sql_on(database_url, "SELECT text FROM report WHERE id = $1", report.id)
    assert rows == [{"text": report.text}]
    jobs = sql_on(
        database_url,
        "SELECT job_name, args::text AS args, completed_at FROM outbox_job WHERE job_key = $1",
        job_key(Job.PROCESS_REPORT, str(report.id)),
    )
    assert jobs == [
        {"job_name": "process_report", "args": f'["{report.id}"]', "completed_at": None}
    ]


def test_when_the_job_cannot_be_written_the_row_is_not_written_either(database_url: str) -> None:
    report = _report(uuid.uuid4().hex)
    subject = str(report.id)

    async def run() -> None:
        async with TortoiseContext() as orm:
            await orm.init(config=tortoise_config(database_url, pool_max=2))
            # A job with this key exists already: the unique key refuses the second.
            await OutboxJob.create(
                job_key=job_key(Job.PROCESS_REPORT, subject), job_name="process_report", args=[]
            )
            with pytest.raises(IntegrityError):
                await create_with_job(report, Job.PROCESS_REPORT, subject, [subject])

    asyncio.run(run())
    assert sql_on(database_url, "SELECT id FROM report WHERE id = $1", report.id) == []
