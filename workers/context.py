"""What every job of one worker process shares: configuration values, clients and the
in-memory state that outlives a job (theme centroids, recent evidence, claimed reports).

The composition root (`signaalpunt.worker`) builds it at start-up and puts it in arq's job
context under `"app"`; jobs read it with `context_of(ctx)`.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from domain.partners import PartnerEndpoint
from domain.retention import RetentionSchedule
from messaging.jobs import JobQueue
from messaging.theme_updates import ThemePublisher
from workers.processing.evidence_cache import RecentEvidence
from workers.processing.theme_index import CachedThemeIndex
from workers.webhook_dispatcher import WebhookDispatcher


@dataclass
class WorkerContext:
    queue: JobQueue
    publisher: ThemePublisher
    duplicate_window_days: int
    discovery_max_wait_seconds: float
    outbox_sweep_seconds: float
    partners: dict[str, PartnerEndpoint]
    delivery_max_tries: int
    delivery_backoff_seconds: float
    small_count_threshold: int
    identifier_key: str = ""
    deidentifier: str = "rules"
    retention: RetentionSchedule = field(default_factory=RetentionSchedule)
    webhooks: WebhookDispatcher | None = None
    theme_index: CachedThemeIndex = field(default_factory=CachedThemeIndex)
    recent: RecentEvidence = field(default_factory=RecentEvidence)
    # Reports a batch of this process has taken; the future resolves when it lets them go.
    claimed: dict[str, asyncio.Future[None]] = field(default_factory=dict)


def context_of(ctx: dict[str, Any]) -> WorkerContext:
    app = ctx["app"]
    assert isinstance(app, WorkerContext)
    return app
