"""GET /api/themas/{id}: a theme's aggregates as JSON, the `resourceUrl` of a webhook
message. For a municipality whose residents the theme touches (its own token) and staff;
the same aggregates the `themeUpdates` subscription carries, small counts suppressed, plus
where its referrals stand. Never text, never anything about a reporter."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from auth.roles import Role, Viewer
from messaging.notificaties.messages import iso, theme_url
from messaging.theme_updates import theme_update_payload
from models import Referral, Theme


def _problem(status: int, title: str) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"status": status, "title": title}, status, headers=headers)


def _when(moment: datetime | None) -> str | None:
    return iso(moment) if moment else None


async def theme_resource(request: Request) -> JSONResponse:
    viewer: Viewer | None = getattr(request.state, "viewer", None)
    if viewer is None:
        return _problem(401, "Stuur het token van uw gemeente mee (Authorization: Bearer …).")
    if not (viewer.has(Role.STAFF) or viewer.has(Role.MUNICIPALITY)):
        return _problem(403, "Alleen gemeenten en medewerkers kunnen thema's zo lezen.")
    try:
        theme_id = uuid.UUID(str(request.path_params["theme_id"]))
    except ValueError:
        return _problem(404, "Dit thema is niet gevonden.")
    theme = await Theme.get_or_none(id=theme_id)
    code = (viewer.municipality_code or "").upper()
    if theme is None or (not viewer.has(Role.STAFF) and code not in theme.municipality_codes):
        return _problem(404, "Dit thema is niet gevonden.")
    services = request.app.state.services
    public_url = services.settings.public_url
    body: dict[str, Any] = theme_update_payload(
        theme, "CURRENT", services.settings.small_count_threshold
    )
    body["url"] = theme_url(public_url, str(theme.id))
    if theme.merged_into_id:
        body["mergedInto"] = theme_url(public_url, str(theme.merged_into_id))
    referrals = await Referral.filter(theme_id=theme.id).order_by("created_at")
    body["referrals"] = [
        {
            "addressee": r.addressee.value,
            "status": r.status.value,
            "sentAt": _when(r.sent_at),
            "acknowledgedAt": _when(r.acknowledged_at),
            "answeredAt": _when(r.answered_at),
            "closedAt": _when(r.closed_at),
        }
        for r in referrals
    ]
    return JSONResponse(body)
