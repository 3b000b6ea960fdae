"""Referrals and their delivery attempts."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.scalars import JSON

import models
from models import Referral
from schema.context import Info
from schema.enums import Addressee, ReferralStatus
from schema.pagination import Connection
from schema.policy import PARTNER, STAFF, allow, policy

if TYPE_CHECKING:
    from schema.themes.types import ThemeType

ThemeRef = Annotated["ThemeType", strawberry.lazy("schema.themes.types")]


@policy(STAFF)
@strawberry.type
class DeliveryAttempt:
    attempt: int
    started_at: datetime
    status_code: int | None
    succeeded: bool
    error: str | None

    @classmethod
    def from_model(cls, attempt: models.DeliveryAttempt) -> DeliveryAttempt:
        return cls(
            attempt=attempt.attempt,
            started_at=attempt.started_at,
            status_code=attempt.status_code,
            succeeded=attempt.succeeded,
            error=attempt.error,
        )


@policy(STAFF, PARTNER)
@strawberry.type(name="Referral", description="Een doorverwijzing van een thema naar een partner.")
class ReferralType:
    id: strawberry.ID
    addressee: Addressee
    status: ReferralStatus
    dossier: JSON
    requested_by: str
    approved_by: str | None
    created_at: datetime
    sent_at: datetime | None
    acknowledged_at: datetime | None
    answered_at: datetime | None
    closed_at: datetime | None
    partner_reference: str | None
    answer: str | None
    model: strawberry.Private[Referral]

    @strawberry.field(description="Uiterlijk deze dag antwoordt de partner (servicenorm).")
    def answer_due(self) -> date | None:
        return self.model.answer_due

    @strawberry.field(description="Wanneer de dagelijkse controle het antwoord te laat vond.")
    def answer_breached_at(self) -> datetime | None:
        return self.model.answer_breached_at

    @classmethod
    def from_model(cls, referral: Referral) -> ReferralType:
        return cls(
            id=strawberry.ID(str(referral.id)),
            addressee=referral.addressee,
            status=referral.status,
            dossier=referral.dossier,
            requested_by=referral.requested_by,
            approved_by=referral.approved_by,
            created_at=referral.created_at,
            sent_at=referral.sent_at,
            acknowledged_at=referral.acknowledged_at,
            answered_at=referral.answered_at,
            closed_at=referral.closed_at,
            partner_reference=referral.partner_reference,
            answer=referral.answer,
            model=referral,
        )

    @strawberry.field(permission_classes=allow(STAFF))
    async def theme(self, info: Info) -> ThemeRef | None:
        from schema.themes.types import ThemeType

        theme = await info.context.loaders.theme_by_id.load(str(self.model.theme_id))
        return ThemeType.from_model(theme) if theme else None

    @strawberry.field(permission_classes=allow(STAFF))
    async def attempts(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> Connection[DeliveryAttempt]:
        page = await info.context.loaders.attempts.page(self.model.id, None, first, after)
        return page.map(DeliveryAttempt.from_model)
