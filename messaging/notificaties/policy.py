"""How webhook deliveries are retried, bounded and paused (configured in the settings)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DeliveryPolicy:
    """Open Notificaties retries 7 times with growing delays (25 s × 4ⁿ): the defaults here
    are the same, 8 attempts over about a day and a half."""

    max_attempts: int = 8
    backoff_seconds: float = 25.0
    backoff_factor: float = 4.0
    # Each receiver gets this long to answer, and at most `per_receiver` requests at once;
    # a worker process sends at most `concurrency` at once over all receivers. A slow
    # receiver holds at most `per_receiver` of those: the rest keep going to the others.
    timeout_seconds: float = 10.0
    concurrency: int = 64
    per_receiver: int = 4
    # Callbacks must be https (except on loopback) when set: production.
    https_only: bool = False

    def delay_after(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number `attempt` (1-based)."""
        return self.backoff_seconds * self.backoff_factor ** (attempt - 1)

    def schedule(self) -> list[float]:
        """The waits between attempts, first to last (for documentation and tests)."""
        return [self.delay_after(n) for n in range(1, self.max_attempts)]
