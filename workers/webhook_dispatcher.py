"""The sending side of webhook notifications: at least once, retried with backoff, every attempt
logged, a dead letter after the last attempt, and a slow receiver never holding up another.

Each run claims due deliveries in a short statement (a lease: `next_attempt_at` moves past
the longest a send can take, so another worker skips them), sends them outside any
transaction, and records each outcome in its own short transaction. Claims take at most
`per_receiver` deliveries per receiver (scheme, host and port of the callback) and leave
out receivers this process is already busy with, so one slow or dead receiver holds at most
`per_receiver` of the `concurrency` slots, for at most the timeout each. A run ends when
nothing is due and asks for the next run at the earliest retry; a cron catches the rest.

An abonnement whose delivery became a dead letter is paused, with its reason: its
deliveries wait until a change passes the callback check again. Resending a dead letter
makes it due again. Repeating a run is harmless: a delivery is recorded once per attempt
and a delivered one is never sent again.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

import asyncpg
import httpx
from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from domain import audit
from messaging.notificaties.policy import DeliveryPolicy
from messaging.notificaties.sender import Outcome, post

log = logging.getLogger(__name__)

# The due deliveries are looked at oldest first and at most CANDIDATES at a time, so a
# claim costs the same with a backlog of a million as with a hundred.
_CLAIM = """
WITH busy AS (
    SELECT * FROM unnest($3::text[], $6::int[]) AS b(receiver, sending)
), due AS (
    SELECT d.id, d.next_attempt_at, a.receiver
    FROM notification_delivery d JOIN abonnement a ON a.id = d.abonnement_id
    WHERE d.status = 'PENDING' AND d.next_attempt_at <= now() AND a.status = 'ACTIVE'
      AND NOT (a.receiver = ANY($7::text[]))  -- receivers at their limit: not in the window
    ORDER BY d.next_attempt_at
    LIMIT $5
), ranked AS (
    SELECT due.id, row_number() OVER (PARTITION BY due.receiver ORDER BY due.next_attempt_at, due.id) AS n,
           coalesce(busy.sending, 0) AS sending
    FROM due LEFT JOIN busy ON busy.receiver = due.receiver
), picked AS (
    -- A receiver never has more than $4 deliveries under way in this process.
    SELECT id FROM ranked WHERE n <= $4 - sending ORDER BY n LIMIT $1
)
UPDATE notification_delivery d SET next_attempt_at = now() + make_interval(secs => $2)
FROM picked, abonnement a
WHERE d.id = picked.id AND a.id = d.abonnement_id
  AND d.status = 'PENDING' AND d.next_attempt_at <= now()
RETURNING d.id::text AS id, d.body, d.attempts, a.id::text AS abonnement_id, a.callback_url,
          a.auth, a.secret, a.cloud_events, a.receiver
"""
CANDIDATES = 2000
_NEXT_DUE = """
SELECT extract(epoch FROM min(d.next_attempt_at)) AS at
FROM notification_delivery d JOIN abonnement a ON a.id = d.abonnement_id
WHERE d.status = 'PENDING' AND a.status = 'ACTIVE'
"""
_ATTEMPTS = """
INSERT INTO notification_attempt (delivery_id, attempt, started_at, duration_ms, status_code,
                                  succeeded, error)
SELECT u.id, (SELECT count(*) FROM notification_attempt a WHERE a.delivery_id = u.id) + 1,
       u.started_at, u.duration_ms, u.status_code, u.succeeded, u.error
FROM unnest($1::uuid[], $2::timestamptz[], $3::int[], $4::int[], $5::bool[], $6::text[])
     AS u(id, started_at, duration_ms, status_code, succeeded, error)
"""
_DELIVERED = """
UPDATE notification_delivery d SET status = 'DELIVERED', attempts = d.attempts + 1,
       delivered_at = now(), last_status_code = u.code, last_error = NULL
FROM unnest($1::uuid[], $2::int[]) AS u(id, code)
WHERE d.id = u.id AND d.status = 'PENDING'
"""
_FAILED = """
UPDATE notification_delivery SET attempts = attempts + 1, last_status_code = $2, last_error = $3,
       status = CASE WHEN attempts + 1 >= $4 THEN 'DEAD' ELSE 'PENDING' END,
       dead_at = CASE WHEN attempts + 1 >= $4 THEN now() END,
       next_attempt_at = CASE WHEN attempts + 1 >= $4 THEN NULL ELSE now() + make_interval(secs => $5) END
WHERE id = $1::uuid AND status = 'PENDING'
RETURNING status
"""
# One statement per batch for every abonnement it touched, in id order: concurrent batches
# lock abonnement rows in the same order and never deadlock.
_HEALTH = """
UPDATE abonnement a SET
    consecutive_failures = CASE WHEN u.succeeded THEN 0 ELSE a.consecutive_failures + u.failed END,
    last_success_at = CASE WHEN u.succeeded THEN now() ELSE a.last_success_at END,
    last_failure_at = CASE WHEN u.failed > 0 THEN now() ELSE a.last_failure_at END
FROM unnest($1::uuid[], $2::bool[], $3::int[]) AS u(id, succeeded, failed)
WHERE a.id = u.id
"""
_PAUSE = """
UPDATE abonnement SET status = 'PAUSED', paused_at = now(), paused_reason = $2
WHERE id = $1::uuid AND status = 'ACTIVE'
"""


@dataclass(frozen=True)
class Claimed:
    id: str
    body: str
    attempts: int
    abonnement_id: str
    callback_url: str
    auth: str
    secret: str
    cloud_events: bool
    receiver: str


@dataclass(frozen=True)
class Sent:
    claimed: Claimed
    started: datetime
    outcome: Outcome


# Outcomes recorded per transaction (at most; fewer when sending slows down).
BATCH = 64


@dataclass
class WebhookDispatcher:
    """The sending side of one worker process: an HTTP client per receiver (connections
    kept, and a pool as small as the receiver's limit: httpcore looks through the whole
    pool for every request), the process-wide limit, and the receivers it is busy with."""

    policy: DeliveryPolicy
    clients: dict[str, httpx.AsyncClient] = field(default_factory=dict)
    busy: Counter[str] = field(default_factory=Counter)
    slots: asyncio.Semaphore | None = None
    per_receiver_slots: dict[str, asyncio.Semaphore] = field(default_factory=dict)
    _claiming: asyncio.Lock = field(default_factory=asyncio.Lock)

    def _receiver_slots(self, receiver: str) -> asyncio.Semaphore:
        if receiver not in self.per_receiver_slots:
            self.per_receiver_slots[receiver] = asyncio.Semaphore(self.policy.per_receiver)
        return self.per_receiver_slots[receiver]

    @property
    def lease_seconds(self) -> float:
        return self.policy.timeout_seconds * 3 + 30

    async def claim(self, limit: int) -> list[Claimed]:
        """Due deliveries for this process, counted as under way at once: one claim at a
        time per process, so two drains never both fill the same receiver's limit."""
        async with self._claiming:
            receivers = list(self.busy)
            full = [r for r in receivers if self.busy[r] >= self.policy.per_receiver]
            rows = await connections.get("default").execute_query_dict(
                _CLAIM,
                [limit, self.lease_seconds, receivers, self.policy.per_receiver, CANDIDATES,
                 [self.busy[r] for r in receivers], full],
            )  # fmt: skip
            claimed = [Claimed(**row) for row in rows]
            for row in claimed:
                self.busy[row.receiver] += 1
            return claimed

    async def drain(self) -> int:
        """Send until nothing is due; returns how many were delivered.

        Claims run ahead of sending (up to twice the concurrency is claimed, `concurrency`
        send at once) and outcomes are recorded in batches: one claim and one recording
        statement serve dozens of deliveries.
        """
        if self.slots is None:
            self.slots = asyncio.Semaphore(self.policy.concurrency)
        ahead = self.policy.concurrency * 2
        running: set[asyncio.Task[Sent]] = set()
        finished: list[Sent] = []
        delivered = 0
        while True:
            if len(running) <= ahead - max(1, self.policy.concurrency // 2) or not running:
                for claimed in await self.claim(ahead - len(running)):
                    running.add(asyncio.create_task(self._send(claimed)))
            if not running:
                break
            done, running = await asyncio.wait(
                running, timeout=0.05, return_when=asyncio.FIRST_COMPLETED
            )
            finished += [task.result() for task in done]
            if len(finished) >= BATCH or (finished and not done):
                delivered += await self._record(finished)
                finished = []
        delivered += await self._record(finished)
        return delivered

    async def next_due(self) -> float | None:
        rows = await connections.get("default").execute_query_dict(_NEXT_DUE)
        at = rows[0]["at"] if rows else None
        return float(at) if at is not None else None

    async def _send(self, claimed: Claimed) -> Sent:
        assert self.slots is not None
        try:
            # The receiver's own limit first: waiting for a slow receiver holds none of the
            # process's slots, which stay for the other receivers.
            async with self._receiver_slots(claimed.receiver), self.slots:
                started = datetime.now(UTC)
                outcome = await post(
                    self._client(claimed.receiver), claimed.callback_url, claimed.body,
                    auth=claimed.auth, secret=claimed.secret, message_id=claimed.id,
                    timeout=self.policy.timeout_seconds, cloud_events=claimed.cloud_events,
                )  # fmt: skip
            return Sent(claimed, started, outcome)
        finally:
            self.busy[claimed.receiver] -= 1
            if self.busy[claimed.receiver] <= 0:
                del self.busy[claimed.receiver]

    async def _record(self, sent: list[Sent]) -> int:
        """Every attempt of a batch, and what follows from it, in one transaction (again,
        should PostgreSQL pick it as a deadlock's victim: it was rolled back whole)."""
        if not sent:
            return 0
        for attempt in range(3):
            try:
                return await self._record_once(sent)
            except asyncpg.exceptions.DeadlockDetectedError:
                if attempt == 2:
                    raise
                log.warning("webhook outcomes met a deadlock; recording them again")
        return 0

    async def _record_once(self, sent: list[Sent]) -> int:
        ok = [s for s in sent if s.outcome.succeeded]
        failed = [s for s in sent if not s.outcome.succeeded]
        health: dict[str, tuple[bool, int]] = {}
        for s in sent:
            succeeded, failures = health.get(s.claimed.abonnement_id, (False, 0))
            health[s.claimed.abonnement_id] = (
                succeeded or s.outcome.succeeded,
                failures + (not s.outcome.succeeded),
            )
        ids = sorted(health)
        async with in_transaction() as conn:
            await conn.execute_query(
                _ATTEMPTS,
                [[s.claimed.id for s in sent], [s.started for s in sent],
                 [s.outcome.duration_ms for s in sent], [s.outcome.status_code for s in sent],
                 [s.outcome.succeeded for s in sent], [s.outcome.error for s in sent]],
            )  # fmt: skip
            if ok:
                await conn.execute_query(
                    _DELIVERED, [[s.claimed.id for s in ok], [s.outcome.status_code for s in ok]]
                )
            await conn.execute_query(
                _HEALTH, [ids, [health[i][0] for i in ids], [health[i][1] for i in ids]]
            )
            for one in sorted(failed, key=lambda s: s.claimed.abonnement_id):
                await self._failed(conn, one)
        return len(ok)

    async def _failed(self, conn: BaseDBAsyncClient, sent: Sent) -> None:
        claimed, outcome = sent.claimed, sent.outcome
        attempt = claimed.attempts + 1
        rows = await conn.execute_query_dict(
            _FAILED,
            [claimed.id, outcome.status_code, outcome.error, self.policy.max_attempts,
             self.policy.delay_after(attempt)],
        )  # fmt: skip
        if rows and rows[0]["status"] == "DEAD":
            await conn.execute_query(
                _PAUSE, [claimed.abonnement_id, _pause_reason(attempt, outcome)]
            )
            await audit.record_system(
                "abonnement.paused", "abonnement", claimed.abonnement_id,
                details={"dead_letter": claimed.id, "attempts": attempt}, using_db=conn,
            )  # fmt: skip
            log.warning(
                "webhook delivery %s is a dead letter after %d attempt(s); abonnement %s paused",
                claimed.id, attempt, claimed.abonnement_id,
            )  # fmt: skip

    def _client(self, receiver: str) -> httpx.AsyncClient:
        client = self.clients.get(receiver)
        if client is None:
            limit = self.policy.per_receiver * 2  # two drains of this process may overlap
            client = httpx.AsyncClient(
                follow_redirects=False,
                limits=httpx.Limits(max_connections=limit, max_keepalive_connections=limit),
            )
            self.clients[receiver] = client
        return client

    async def aclose(self) -> None:
        for client in self.clients.values():
            await client.aclose()


def _pause_reason(attempts: int, outcome: Outcome) -> str:
    return (
        f"Gepauzeerd: een bericht kwam na {attempts} pogingen niet aan "
        f"(laatste fout: {outcome.error}). Los het op bij uw ontvanger en sla het abonnement "
        "opnieuw op: dan volgt de callback-controle en gaan de berichten weer. "
        f"/ Paused: a message failed {attempts} times; fix the receiver and save the "
        "abonnement again to resume."
    )
