"""Services shared by every request of one API process: created in the app's lifespan."""

from __future__ import annotations

from dataclasses import dataclass

from arq.connections import ArqRedis

from auth.dev_issuer import local_key_source
from auth.jwks import JWKSCache, KeySource, http_key_source
from auth.roles import ClaimPaths
from auth.tokens import TokenValidator
from messaging.broadcast import ThemeBroadcaster
from messaging.jobs import JobQueue
from messaging.notificaties.fan_out import Notifier
from messaging.redis_client import connect
from messaging.theme_updates import ThemePublisher
from privacy.rate_limit import RateLimiter
from signaalpunt.settings import Settings


def key_source(settings: Settings) -> KeySource:
    """Where token signing keys come from: the local development key when the app is its
    own issuer, the configured provider otherwise."""
    own_issuer = f"{settings.public_url}/dev-issuer"
    if settings.dev_issuer_enabled and settings.oidc_issuer == own_issuer:
        return local_key_source(settings.data_dir)
    return http_key_source(settings.oidc_issuer, settings.oidc_jwks_url)


@dataclass
class AppServices:
    settings: Settings
    redis: ArqRedis
    queue: JobQueue
    publisher: ThemePublisher
    broadcaster: ThemeBroadcaster
    tokens: TokenValidator
    receipt_limiter: RateLimiter
    submit_limiter: RateLimiter
    identified_submit_limiter: RateLimiter

    @classmethod
    async def start(cls, settings: Settings, redis_url: str) -> AppServices:
        redis = connect(redis_url)
        broadcaster = ThemeBroadcaster(redis_url, settings.theme_channel)
        await broadcaster.start()
        jwks = JWKSCache(key_source(settings))
        queue = JobQueue(redis, settings.queue_name)
        return cls(
            settings=settings,
            redis=redis,
            queue=queue,
            publisher=ThemePublisher(
                redis,
                settings.theme_channel,
                settings.small_count_threshold,
                Notifier(queue, settings.public_url),
            ),
            broadcaster=broadcaster,
            tokens=TokenValidator(
                jwks,
                issuer=settings.oidc_issuer,
                audience=settings.oidc_audience,
                claims=ClaimPaths(
                    roles=settings.oidc_role_claims,
                    municipality=settings.oidc_municipality_claim,
                    partner=settings.oidc_partner_claim,
                ),
            ),
            receipt_limiter=RateLimiter(
                redis_url,
                settings.namespace,
                "receipt",
                limit=settings.receipt_attempts_per_window,
                window_seconds=settings.receipt_window_seconds,
            ),
            submit_limiter=RateLimiter(
                redis_url,
                settings.namespace,
                "submit",
                limit=settings.submit_limit_per_window,
                window_seconds=settings.submit_window_seconds,
            ),
            identified_submit_limiter=RateLimiter(
                redis_url,
                settings.namespace,
                "submit-identified",
                limit=settings.identified_submit_limit_per_window,
                window_seconds=settings.submit_window_seconds,
            ),
        )

    @property
    def notifier(self) -> Notifier:
        assert self.publisher.notifier is not None
        return self.publisher.notifier

    async def stop(self) -> None:
        await self.tokens.jwks.close()
        await self.broadcaster.stop()
        await self.redis.aclose()
