"""referTheme (staff): prepare a referral with its dossier; a second staff member approves it."""

from __future__ import annotations

from typing import Annotated

import strawberry
from tortoise.transactions import in_transaction

from domain import audit, workflow
from domain.dossier import build_dossier
from domain.errors import InputErrors, InvalidState, NotFound
from models import Referral, Theme
from resolvers.access import require_viewer
from resolvers.errors import errors_as_data
from resolvers.validation import check_free_text, parse_uuid
from schema.context import Info
from schema.enums import Addressee
from schema.errors import (
    InvalidInputError,
    InvalidStateError,
    NotFoundError,
    TemporarilyUnavailableError,
)
from schema.policy import STAFF, policy
from schema.referrals.types import ReferralType
from vocabulary import ThemeStatus
from vocabulary.translations import N_


@strawberry.input(description="De VNG-opzet: het knelpunt, een oplossing, wie wat moet doen.")
class ReferThemeInput:
    theme_id: strawberry.ID
    addressee: Addressee
    bottleneck: str = strawberry.field(description="Wat is het knelpunt en waarom landelijk?")
    proposed_solution: str
    proposed_responsibility: str = strawberry.field(
        description="Voorstel wie wat doet (Rijk, uitvoerder, gemeente)."
    )


@policy(STAFF)
@strawberry.type
class ReferralPrepared:
    referral: ReferralType
    message: str


ReferThemeResult = Annotated[
    ReferralPrepared
    | InvalidInputError
    | NotFoundError
    | InvalidStateError
    | TemporarilyUnavailableError,
    strawberry.union("ReferThemeResult"),
]


@errors_as_data
async def refer_theme(info: Info, input: ReferThemeInput) -> ReferThemeResult:
    viewer = require_viewer(info)
    problems = InputErrors()
    theme_id = parse_uuid(problems, "themeId", input.theme_id)
    bottleneck = check_free_text(
        problems, "bottleneck", input.bottleneck, minimum=20, maximum=5000, label=N_("het knelpunt")
    )
    solution = check_free_text(
        problems,
        "proposedSolution",
        input.proposed_solution,
        minimum=10,
        maximum=5000,
        label=N_("de oplossing"),
    )
    responsibility = check_free_text(
        problems,
        "proposedResponsibility",
        input.proposed_responsibility,
        minimum=10,
        maximum=2000,
        label=N_("de verdeling van verantwoordelijkheid"),
    )
    problems.raise_if_any()
    settings = info.context.services.settings
    async with in_transaction() as conn:
        theme = await Theme.filter(id=theme_id).using_db(conn).select_for_update().first()
        if theme is None:
            raise NotFound.of(N_("Dit thema"))
        if theme.status != ThemeStatus.CONFIRMED:
            raise InvalidState(
                "Bevestig het thema eerst; alleen bevestigde thema's verwijzen we door."
            )
        under_way = (
            await Referral.filter(theme_id=theme.id, addressee=input.addressee)
            .exclude(status__in=list(workflow.REFERRAL_ENDED))
            .using_db(conn)
            .exists()
        )
        if under_way:
            raise InvalidState("Er loopt al een doorverwijzing van dit thema naar deze partner.")
        referral = await Referral.create(
            theme_id=theme.id,
            addressee=input.addressee,
            motivation=bottleneck,
            proposed_solution=solution,
            requested_by=viewer.subject,
            using_db=conn,
        )
        referral.dossier = await build_dossier(
            theme,
            referral,
            proposed_responsibility=responsibility,
            small_count_threshold=settings.small_count_threshold,
            using_db=conn,
        )
        await referral.save(using_db=conn)
        await audit.record(
            viewer,
            "referral.prepared",
            "referral",
            str(referral.id),
            details={"theme": theme_id, "addressee": input.addressee.value},
            using_db=conn,
        )
    return ReferralPrepared(
        referral=ReferralType.from_model(referral),
        message="De doorverwijzing staat klaar. Een tweede medewerker moet haar goedkeuren.",
    )
