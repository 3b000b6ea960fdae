"""referTheme (staff): prepare a referral with its dossier; a second staff member approves it."""

from __future__ import annotations

from typing import Annotated

import strawberry
from tortoise.transactions import in_transaction

from domain.dossier import build_dossier
from domain.taxonomy import ReferralStatus, ThemeStatus
from models import Referral, Theme
from resolvers import audit
from resolvers.validation import check_text, parse_uuid
from schema.context import Info
from schema.enums import Addressee
from schema.errors import (
    InputErrors,
    InvalidInput,
    InvalidState,
    NotFound,
    invalid_state,
    not_found,
)
from schema.referrals.types import ReferralType


@strawberry.input(description="De VNG-opzet: het knelpunt, een oplossing, wie wat moet doen.")
class ReferThemeInput:
    theme_id: strawberry.ID
    addressee: Addressee
    bottleneck: str = strawberry.field(description="Wat is het knelpunt en waarom landelijk?")
    proposed_solution: str
    proposed_responsibility: str = strawberry.field(
        description="Voorstel wie wat doet (Rijk, uitvoerder, gemeente)."
    )


@strawberry.type
class ReferralPrepared:
    referral: ReferralType
    message: str


ReferThemeResult = Annotated[
    ReferralPrepared | InvalidInput | NotFound | InvalidState, strawberry.union("ReferThemeResult")
]


async def refer_theme(info: Info, input: ReferThemeInput) -> ReferThemeResult:
    errors = InputErrors()
    theme_id = parse_uuid(errors, "themeId", input.theme_id)
    bottleneck = check_text(
        errors, "bottleneck", input.bottleneck, minimum=20, maximum=5000, label="het knelpunt"
    )
    solution = check_text(
        errors,
        "proposedSolution",
        input.proposed_solution,
        minimum=10,
        maximum=5000,
        label="de oplossing",
    )
    responsibility = check_text(
        errors,
        "proposedResponsibility",
        input.proposed_responsibility,
        minimum=10,
        maximum=2000,
        label="de verdeling van verantwoordelijkheid",
    )
    if errors:
        return errors.result()
    theme = await Theme.get_or_none(id=theme_id)
    if theme is None:
        return not_found("Dit thema")
    if theme.status != ThemeStatus.CONFIRMED:
        return invalid_state(
            "Bevestig het thema eerst; alleen bevestigde thema's verwijzen we door."
        )
    open_referral = (
        await Referral.filter(theme_id=theme.id, addressee=input.addressee)
        .exclude(status=ReferralStatus.CLOSED)
        .exists()
    )
    if open_referral:
        return invalid_state("Er loopt al een doorverwijzing van dit thema naar deze partner.")
    viewer = info.context.viewer
    assert viewer is not None
    settings = info.context.services.settings
    async with in_transaction() as conn:
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
