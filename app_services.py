"""Services shared by every request of one API process, created in the app's lifespan."""

from __future__ import annotations

from dataclasses import dataclass

from arq.connections import ArqRedis

from auth.tokens import TokenValidator
from messaging.broadcast import ThemeBroadcaster
from privacy.rate_limit import RateLimiter
from settings import Settings


@dataclass
class AppServices:
    settings: Settings
    redis: ArqRedis
    broadcaster: ThemeBroadcaster
    tokens: TokenValidator
    receipt_limiter: RateLimiter
    submit_limiter: RateLimiter
