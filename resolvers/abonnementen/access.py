"""Whose abonnement it is: a municipality reaches only its own, staff reach all."""

from __future__ import annotations

from auth.roles import Role, Viewer
from domain.errors import NotFound
from models import Abonnement
from vocabulary.translations import N_


def own_code(viewer: Viewer) -> str | None:
    """The municipality a viewer is limited to (None: staff, who see every municipality)."""
    if viewer.has(Role.STAFF):
        return None
    return (viewer.municipality_code or "").upper()


async def abonnement_of(viewer: Viewer, abonnement_id: str) -> Abonnement:
    query = Abonnement.filter(id=abonnement_id)
    code = own_code(viewer)
    if code is not None:
        query = query.filter(municipality_code=code)
    abonnement = await query.first()
    if abonnement is None:
        raise NotFound.of(N_("Dit abonnement"))
    return abonnement
