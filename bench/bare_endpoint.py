"""The baseline: a bare Starlette + asyncpg endpoint that inserts the same report row.

It does the same per-row work our resolver must do to produce that row (mask personal data,
hash the anonymous receipt with the same argon2 parameters) and nothing else: no GraphQL,
no ORM, no outbox, no queue. `submitReport` is measured against this in the same run.
"""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from collections.abc import AsyncIterator

import asyncpg
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route

from privacy.masking import mask
from privacy.receipts import hash_receipt_async, new_receipt
from signaalpunt.database import credentials_from_url

INSERT = """
INSERT INTO report (id, created_at, updated_at, text, masked_text, language, reporter_role,
    channel, municipality_code, domains, problem_types, urgency_flags, anonymous, receipt_hash,
    on_behalf, consent_contact, consent_share_municipality, consent_include_in_referral, status,
    group_locked, theme_locked)
VALUES ($1, now(), now(), $2, $3, 'nl', $4, $5, $6, $7, $8, '[]', $9, $10, false, false, false,
    false, 'RECEIVED', false, false)
"""


def create_app() -> Starlette:
    pool: asyncpg.Pool | None = None

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        nonlocal pool
        c = credentials_from_url(os.environ["DATABASE_URL"])
        pool = await asyncpg.create_pool(
            host=c["host"], port=c["port"], user=c["user"], password=c["password"] or None,
            database=c["database"], min_size=1, max_size=20,
        )  # fmt: skip
        yield
        await pool.close()

    async def submit(request: Request) -> JSONResponse:
        data = (await request.json())["variables"]["input"]
        anonymous = request.headers.get("authorization") is None
        receipt = new_receipt() if anonymous else None
        receipt_hash = await hash_receipt_async(receipt, "bench-pepper") if receipt else None
        report_id = uuid.uuid4()
        assert pool is not None
        await pool.execute(
            INSERT, report_id, data["text"], mask(data["text"]), data["reporterRole"],
            data["channel"], data["municipality"], json.dumps(data.get("domains", [])),
            json.dumps(data.get("problemTypes", [])), anonymous, receipt_hash,
        )  # fmt: skip
        return JSONResponse(
            {"data": {"submitReport": {"reference": str(report_id), "receipt": receipt}}}
        )

    async def ping(request: Request) -> PlainTextResponse:
        """Nothing at all: what the load generator reaches at most on this machine."""
        return PlainTextResponse("ok")

    return Starlette(
        routes=[
            Route("/graphql", submit, methods=["POST"]),
            Route("/ping", ping, methods=["POST", "GET"]),
            Route("/health", ping),
        ],
        lifespan=lifespan,
    )
