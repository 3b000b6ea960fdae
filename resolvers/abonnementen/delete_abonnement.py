"""deleteAbonnement (municipality, staff): stop following; waiting messages are dropped."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain import audit
from domain.errors import InputErrors
from resolvers.abonnementen.access import abonnement_of
from resolvers.access import require_viewer
from resolvers.errors import errors_as_data
from resolvers.validation import parse_uuid
from schema.context import Info
from schema.errors import InvalidInputError, NotFoundError, TemporarilyUnavailableError
from schema.policy import MUNICIPALITY, STAFF, policy


@policy(MUNICIPALITY, STAFF)
@strawberry.type
class AbonnementDeleted:
    id: strawberry.ID


DeleteAbonnementResult = Annotated[
    AbonnementDeleted | InvalidInputError | NotFoundError | TemporarilyUnavailableError,
    strawberry.union("DeleteAbonnementResult"),
]


@errors_as_data
async def delete_abonnement(info: Info, id: strawberry.ID) -> DeleteAbonnementResult:
    viewer = require_viewer(info)
    problems = InputErrors()
    abonnement_id = parse_uuid(problems, "id", id)
    problems.raise_if_any()
    abonnement = await abonnement_of(viewer, abonnement_id)
    await abonnement.delete()  # deliveries and attempts go with it (cascade)
    await audit.record(viewer, "abonnement.deleted", "abonnement", abonnement_id)
    return AbonnementDeleted(id=strawberry.ID(abonnement_id))
