"""updateAbonnement (municipality, staff): change the address, auth, kanalen or format.

Every change passes the callback check again, and a paused abonnement that passes it is
active again: its waiting messages go out. Saving it unchanged is how a municipality
resumes one after fixing its receiver.
"""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain import audit
from domain.errors import InputErrors
from messaging.notificaties.callback_check import receiver_of
from messaging.notificaties.filters import kanalen_to_json
from resolvers.abonnementen.access import abonnement_of
from resolvers.abonnementen.checks import callback_check, check_input, kanalen_of
from resolvers.abonnementen.counts import abonnement_with_health
from resolvers.access import require_viewer
from resolvers.errors import errors_as_data
from resolvers.validation import parse_uuid
from schema.abonnementen.types import AbonnementType, KanaalInput
from schema.context import Info
from schema.errors import (
    CallbackCheckFailedError,
    InvalidInputError,
    NotFoundError,
    TemporarilyUnavailableError,
)
from schema.policy import MUNICIPALITY, STAFF, policy
from vocabulary import AbonnementStatus


@strawberry.input
class UpdateAbonnementInput:
    id: strawberry.ID
    callback_url: str | None = None
    auth: str | None = None
    kanalen: list[KanaalInput] | None = None
    cloud_events: bool | None = None


@policy(MUNICIPALITY, STAFF)
@strawberry.type
class AbonnementUpdated:
    abonnement: AbonnementType


UpdateAbonnementResult = Annotated[
    AbonnementUpdated
    | InvalidInputError
    | CallbackCheckFailedError
    | NotFoundError
    | TemporarilyUnavailableError,
    strawberry.union("UpdateAbonnementResult"),
]


@errors_as_data
async def update_abonnement(info: Info, input: UpdateAbonnementInput) -> UpdateAbonnementResult:
    viewer = require_viewer(info)
    problems = InputErrors()
    abonnement_id = parse_uuid(problems, "id", input.id)
    problems.raise_if_any()
    abonnement = await abonnement_of(viewer, abonnement_id)
    url = input.callback_url.strip() if input.callback_url is not None else None
    auth = input.auth.strip() if input.auth is not None else None
    kanalen = kanalen_of(input.kanalen) if input.kanalen is not None else None
    check_input(
        problems, abonnement.municipality_code, url, auth, kanalen,
        https_only=info.context.services.settings.webhooks.https_only,
    )  # fmt: skip
    problems.raise_if_any()
    new_url, new_auth = url or abonnement.callback_url, auth or abonnement.auth
    await callback_check(info, new_url, new_auth, abonnement.secret)
    abonnement = await abonnement_of(viewer, abonnement_id)  # fresh after the check's wait
    abonnement.callback_url, abonnement.receiver = new_url, receiver_of(new_url)
    abonnement.auth = new_auth
    if kanalen is not None:
        abonnement.kanalen = kanalen_to_json(kanalen)
    if input.cloud_events is not None:
        abonnement.cloud_events = input.cloud_events
    resumed = abonnement.status == AbonnementStatus.PAUSED
    abonnement.update_from_dict(
        {"status": AbonnementStatus.ACTIVE, "paused_at": None, "paused_reason": None,
         "consecutive_failures": 0}
    )  # fmt: skip
    await abonnement.save()
    await audit.record(viewer, "abonnement.updated", "abonnement", str(abonnement.id),
                       details={"resumed": resumed})  # fmt: skip
    if resumed:
        await info.context.services.notifier.request_delivery()
    return AbonnementUpdated(abonnement=await abonnement_with_health(abonnement))
