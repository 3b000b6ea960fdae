"""The messages municipalities receive, in the Open Notificaties shape.

Only aggregates: the kanaal, the theme's URL, the action and flat kenmerken. Never text,
never anything about a reporter; what a receiver wants to know more it reads from
`resourceUrl` with its own token, where small counts are suppressed as everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from messaging.notificaties.filters import REFERRALS, TEST, THEMES

RESOURCE = "thema"
_GONE = {"MERGED", "ARCHIVED"}


def theme_url(public_url: str, theme_id: str) -> str:
    """The read-only endpoint with the theme's aggregates (`hoofdObject` and `resourceUrl`)."""
    return f"{public_url}/api/themas/{theme_id}"


def kanaal_and_actie(change: str, status: str) -> tuple[str, str]:
    """A theme change as Open Notificaties names it: referral steps on their own kanaal
    (`REFERRAL_SENT` → doorverwijzingen / sent), a theme that ended is `destroy`."""
    if change.startswith("REFERRAL_"):
        return REFERRALS, change.removeprefix("REFERRAL_").lower()
    if change in _GONE or status in _GONE:
        return THEMES, "destroy"
    if change == "CREATED":
        return THEMES, "create"
    return THEMES, "update"


def theme_kenmerken(
    payload: Mapping[str, Any], actie: str, addressee: str | None = None
) -> dict[str, str]:
    """Flat string kenmerken from a theme update payload (the gemeentecode is added per
    abonnement). A kenmerk the theme does not have is left out, as the standard expects."""
    kenmerken = {"actie": actie, "status": str(payload["status"])}
    if payload.get("domains"):
        kenmerken["domein"] = str(payload["domains"][0])
    if payload.get("solutionLevel"):
        kenmerken["niveau"] = str(payload["solutionLevel"])
    if addressee:
        kenmerken["ontvanger"] = addressee
    return kenmerken


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def message(
    *,
    kanaal: str,
    actie: str,
    url: str,
    created_at: datetime,
    kenmerken: Mapping[str, str],
    gemeentecode: str,
) -> dict[str, Any]:
    return {
        "kanaal": kanaal,
        "hoofdObject": url,
        "resource": RESOURCE,
        "resourceUrl": url,
        "actie": actie,
        "aanmaakdatum": iso(created_at),
        "kenmerken": {"gemeentecode": gemeentecode, **dict(sorted(kenmerken.items()))},
    }


def cloud_event(notification: Mapping[str, Any], event_id: str, source: str) -> dict[str, Any]:
    """The CloudEvents variant (`application/cloudevents+json`), typed the way Open
    Notificaties' experimental variant is: `nl.overheid.<kanaal>.<resource>.<actie>`."""
    return {
        "specversion": "1.0",
        "type": f"nl.overheid.{notification['kanaal']}.{notification['resource']}.{notification['actie']}",
        "source": source,
        "id": event_id,
        "time": notification["aanmaakdatum"],
        "subject": str(notification["resourceUrl"]).rsplit("/", 1)[-1],
        "datacontenttype": "application/json",
        "data": notification,
    }  # fmt: skip


def test_message(public_url: str) -> dict[str, Any]:
    """What the callback check sends, twice: with the abonnement's auth and without."""
    return {
        "kanaal": TEST,
        "hoofdObject": f"{public_url}/api/test",
        "resource": "test",
        "resourceUrl": f"{public_url}/api/test",
        "actie": "create",
        "aanmaakdatum": iso(datetime.now(UTC)),
        "kenmerken": {},
    }


def encode(body: Mapping[str, Any]) -> str:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))
