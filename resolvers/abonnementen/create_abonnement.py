"""createAbonnement (municipality, staff): follow theme updates and referral steps by
webhook, after the callback check. The signing secret is in the answer, once."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain import audit
from domain.errors import InputErrors
from messaging.notificaties.callback_check import receiver_of
from messaging.notificaties.filters import kanalen_to_json
from messaging.notificaties.signing import new_secret
from models import Abonnement
from resolvers.abonnementen.access import own_code
from resolvers.abonnementen.checks import callback_check, check_input, kanalen_of
from resolvers.access import require_viewer
from resolvers.errors import errors_as_data
from resolvers.validation import check_municipality
from schema.abonnementen.types import AbonnementType, KanaalInput
from schema.context import Info
from schema.errors import (
    CallbackCheckFailedError,
    InvalidInputError,
    NotAllowedError,
    TemporarilyUnavailableError,
)
from schema.policy import MUNICIPALITY, STAFF, policy


@strawberry.input
class CreateAbonnementInput:
    callback_url: str
    auth: str = strawberry.field(description="De Authorization-header die wij meesturen.")
    kanalen: list[KanaalInput]
    gemeentecode: str | None = strawberry.field(
        default=None, description="Alleen voor medewerkers; een gemeente krijgt haar eigen code."
    )
    cloud_events: bool = False


@policy(MUNICIPALITY, STAFF)
@strawberry.type
class AbonnementCreated:
    abonnement: AbonnementType
    secret: str = strawberry.field(
        description="Het geheim om de webhook-signature te controleren (Standard Webhooks). "
        "Alleen nu te zien: bewaar het goed."
    )


CreateAbonnementResult = Annotated[
    AbonnementCreated
    | InvalidInputError
    | CallbackCheckFailedError
    | NotAllowedError
    | TemporarilyUnavailableError,
    strawberry.union("CreateAbonnementResult"),
]


@errors_as_data
async def create_abonnement(info: Info, input: CreateAbonnementInput) -> CreateAbonnementResult:
    viewer = require_viewer(info)
    problems = InputErrors()
    code = own_code(viewer) or check_municipality(problems, "gemeentecode", input.gemeentecode)
    kanalen = kanalen_of(input.kanalen)
    settings = info.context.services.settings
    url, auth = input.callback_url.strip(), input.auth.strip()
    check_input(problems, code, url, auth, kanalen, https_only=settings.webhooks.https_only)
    problems.raise_if_any()
    secret = new_secret()
    await callback_check(info, url, auth, secret)
    abonnement = await Abonnement.create(
        municipality_code=code, callback_url=url, receiver=receiver_of(url), auth=auth,
        kanalen=kanalen_to_json(kanalen), secret=secret, cloud_events=input.cloud_events,
        created_by=viewer.subject,
    )  # fmt: skip
    await audit.record(viewer, "abonnement.created", "abonnement", str(abonnement.id),
                       details={"gemeentecode": code})  # fmt: skip
    return AbonnementCreated(abonnement=AbonnementType.from_model(abonnement), secret=secret)
