"""The lifecycles of reports, referrals and themes, as transition tables, and the one guard
every status write goes through.

Each table maps a step (from, to) to who may take it. Staff and partners take steps through
the API; the system takes the steps that follow from facts it establishes itself (a theme
was linked, a dossier was delivered). A state only the system sets can never be chosen
through the API: `REFERRED` without a delivered referral, `LINKED_TO_THEME` without a theme.

Set-based writes (a worker updating every report of a theme) use `sources`, the states a
step may start from, in their WHERE clause; single writes use `check`.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from domain.errors import InvalidState
from domain.labels import REPORT_STATUS_LABELS_NL
from vocabulary import ReferralStatus, ReportStatus, ThemeStatus

S = TypeVar("S", bound=StrEnum)


class Actor(StrEnum):
    STAFF = "staff"
    PARTNER = "partner"
    SYSTEM = "system"


STAFF, PARTNER, SYSTEM = Actor.STAFF, Actor.PARTNER, Actor.SYSTEM

R = ReportStatus
REPORT_STEPS: Mapping[tuple[ReportStatus, ReportStatus], frozenset[Actor]] = {
    (R.RECEIVED, R.IN_REVIEW): frozenset({STAFF}),
    (R.RECEIVED, R.LINKED_TO_THEME): frozenset({SYSTEM}),
    (R.RECEIVED, R.DECLINED): frozenset({STAFF}),
    (R.RECEIVED, R.CLOSED): frozenset({STAFF}),
    (R.IN_REVIEW, R.LINKED_TO_THEME): frozenset({SYSTEM}),
    (R.IN_REVIEW, R.DECLINED): frozenset({STAFF}),
    (R.IN_REVIEW, R.CLOSED): frozenset({STAFF}),
    (R.LINKED_TO_THEME, R.IN_REVIEW): frozenset({STAFF}),
    (R.LINKED_TO_THEME, R.REFERRED): frozenset({SYSTEM}),
    (R.LINKED_TO_THEME, R.DECLINED): frozenset({STAFF}),
    (R.LINKED_TO_THEME, R.CLOSED): frozenset({STAFF}),
    (R.REFERRED, R.CLOSED): frozenset({STAFF, SYSTEM}),
    # Reopening is a deliberate staff step back into review, never back to "received".
    (R.CLOSED, R.IN_REVIEW): frozenset({STAFF}),
    (R.DECLINED, R.IN_REVIEW): frozenset({STAFF}),
}

F = ReferralStatus
REFERRAL_STEPS: Mapping[tuple[ReferralStatus, ReferralStatus], frozenset[Actor]] = {
    (F.AWAITING_APPROVAL, F.APPROVED): frozenset({STAFF}),  # by a second staff member
    (F.AWAITING_APPROVAL, F.CLOSED): frozenset({STAFF}),  # withdrawn before approval
    (F.APPROVED, F.SENT): frozenset({SYSTEM}),
    (F.APPROVED, F.DELIVERY_FAILED): frozenset({SYSTEM}),
    (F.DELIVERY_FAILED, F.APPROVED): frozenset({STAFF}),  # retry the delivery
    (F.DELIVERY_FAILED, F.CLOSED): frozenset({STAFF}),
    (F.SENT, F.ACKNOWLEDGED): frozenset({PARTNER}),
    (F.SENT, F.ANSWERED): frozenset({PARTNER}),
    (F.SENT, F.CLOSED): frozenset({STAFF}),
    (F.ACKNOWLEDGED, F.ANSWERED): frozenset({PARTNER}),
    (F.ACKNOWLEDGED, F.CLOSED): frozenset({STAFF}),
    (F.ANSWERED, F.CLOSED): frozenset({STAFF}),
}
# A theme may be referred to the same addressee again once its last referral ended so.
REFERRAL_ENDED = frozenset({F.CLOSED, F.DELIVERY_FAILED})

T = ThemeStatus
THEME_STEPS: Mapping[tuple[ThemeStatus, ThemeStatus], frozenset[Actor]] = {
    (T.PROPOSED, T.CONFIRMED): frozenset({STAFF}),
    (T.PROPOSED, T.MERGED): frozenset({STAFF}),
    (T.CONFIRMED, T.MERGED): frozenset({STAFF}),
    (T.PROPOSED, T.ARCHIVED): frozenset({STAFF, SYSTEM}),
    (T.CONFIRMED, T.ARCHIVED): frozenset({STAFF}),
}
THEME_LIVE = frozenset({T.PROPOSED, T.CONFIRMED})

REPORT_MESSAGES_NL: Mapping[ReportStatus, str] = {
    R.RECEIVED: "Een signaal kan niet terug naar 'ontvangen'.",
    R.LINKED_TO_THEME: "Koppel het signaal aan een thema met 'verplaats naar thema'.",
    R.REFERRED: "Een signaal is doorgestuurd zodra de doorverwijzing van zijn thema is bezorgd.",
}


def _check(
    table: Mapping[tuple[S, S], frozenset[Actor]], current: S, target: S, actor: Actor
) -> None:
    if actor not in table.get((current, target), frozenset()):
        raise InvalidState(f"Deze stap kan niet: van '{current}' naar '{target}'.")


def check_report(current: ReportStatus, target: ReportStatus, actor: Actor) -> None:
    """Raise `InvalidState` unless `actor` may move a report from `current` to `target`."""
    if actor not in REPORT_STEPS.get((current, target), frozenset()):
        reason = REPORT_MESSAGES_NL.get(
            target,
            f"Deze stap kan niet: van '{REPORT_STATUS_LABELS_NL[current]}' "
            f"naar '{REPORT_STATUS_LABELS_NL[target]}'.",
        )
        raise InvalidState(reason)


def check_referral(current: ReferralStatus, target: ReferralStatus, actor: Actor) -> None:
    _check(REFERRAL_STEPS, current, target, actor)


def check_theme(current: ThemeStatus, target: ThemeStatus, actor: Actor) -> None:
    _check(THEME_STEPS, current, target, actor)


def report_sources(target: ReportStatus, actor: Actor) -> list[str]:
    """The states from which `actor` may move a report to `target` (for set-based writes)."""
    return sorted(
        str(a) for (a, b), actors in REPORT_STEPS.items() if b == target and actor in actors
    )


def settable_report_states(actor: Actor) -> frozenset[ReportStatus]:
    """The states `actor` can ever choose (the API offers staff exactly these)."""
    return frozenset(b for (_, b), actors in REPORT_STEPS.items() if actor in actors)
