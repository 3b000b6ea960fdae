"""The lifecycles as tables: every step someone may take, and the ones nobody may."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from enum import StrEnum

import pytest

from domain import workflow
from domain.errors import InvalidState
from domain.workflow import PARTNER, STAFF, SYSTEM, Actor
from vocabulary import ReferralStatus, ReportStatus, ThemeStatus

R = ReportStatus
F = ReferralStatus
T = ThemeStatus

REPORT_ALLOWED = {
    (R.RECEIVED, R.IN_REVIEW, STAFF),
    (R.RECEIVED, R.LINKED_TO_THEME, SYSTEM),
    (R.RECEIVED, R.DECLINED, STAFF),
    (R.RECEIVED, R.CLOSED, STAFF),
    (R.IN_REVIEW, R.LINKED_TO_THEME, SYSTEM),
    (R.IN_REVIEW, R.DECLINED, STAFF),
    (R.IN_REVIEW, R.CLOSED, STAFF),
    (R.LINKED_TO_THEME, R.IN_REVIEW, STAFF),
    (R.LINKED_TO_THEME, R.REFERRED, SYSTEM),
    (R.LINKED_TO_THEME, R.DECLINED, STAFF),
    (R.LINKED_TO_THEME, R.CLOSED, STAFF),
    (R.REFERRED, R.CLOSED, STAFF),
    (R.REFERRED, R.CLOSED, SYSTEM),
    (R.CLOSED, R.IN_REVIEW, STAFF),
    (R.DECLINED, R.IN_REVIEW, STAFF),
}
REFERRAL_ALLOWED = {
    (F.AWAITING_APPROVAL, F.APPROVED, STAFF),
    (F.AWAITING_APPROVAL, F.CLOSED, STAFF),
    (F.APPROVED, F.SENT, SYSTEM),
    (F.APPROVED, F.DELIVERY_FAILED, SYSTEM),
    (F.DELIVERY_FAILED, F.APPROVED, STAFF),
    (F.DELIVERY_FAILED, F.CLOSED, STAFF),
    (F.SENT, F.ACKNOWLEDGED, PARTNER),
    (F.SENT, F.ANSWERED, PARTNER),
    (F.SENT, F.CLOSED, STAFF),
    (F.ACKNOWLEDGED, F.ANSWERED, PARTNER),
    (F.ACKNOWLEDGED, F.CLOSED, STAFF),
    (F.ANSWERED, F.CLOSED, STAFF),
}


def _every(states: Iterable[StrEnum]) -> list[tuple[StrEnum, StrEnum, Actor]]:
    return [(a, b, who) for a, b in itertools.permutations(states, 2) for who in Actor]


@pytest.mark.parametrize(("current", "target", "actor"), _every(ReportStatus))
def test_report_steps_are_exactly_the_table(
    current: ReportStatus, target: ReportStatus, actor: Actor
) -> None:
    if (current, target, actor) in REPORT_ALLOWED:
        workflow.check_report(current, target, actor)
    else:
        with pytest.raises(InvalidState):
            workflow.check_report(current, target, actor)


@pytest.mark.parametrize(("current", "target", "actor"), _every(ReferralStatus))
def test_referral_steps_are_exactly_the_table(
    current: ReferralStatus, target: ReferralStatus, actor: Actor
) -> None:
    if (current, target, actor) in REFERRAL_ALLOWED:
        workflow.check_referral(current, target, actor)
    else:
        with pytest.raises(InvalidState):
            workflow.check_referral(current, target, actor)


@pytest.mark.parametrize(
    ("current", "target"),
    [(R.CLOSED, R.RECEIVED), (R.RECEIVED, R.REFERRED), (R.RECEIVED, R.LINKED_TO_THEME)],
)
def test_what_a_new_user_tried_is_refused_with_a_reason(
    current: ReportStatus, target: ReportStatus
) -> None:
    with pytest.raises(InvalidState) as refused:
        workflow.check_report(current, target, STAFF)
    message = refused.value.message
    assert message and target.value not in message and current.value not in message


def test_staff_choose_only_review_closed_and_declined() -> None:
    assert workflow.settable_report_states(STAFF) == {R.IN_REVIEW, R.CLOSED, R.DECLINED}


def test_a_referral_never_reopens_a_closed_or_declined_report() -> None:
    sources = workflow.report_sources(R.REFERRED, SYSTEM)
    assert sources == ["LINKED_TO_THEME"]
    assert "CLOSED" not in sources and "DECLINED" not in sources


def test_a_theme_is_referred_again_once_its_last_referral_ended() -> None:
    assert {F.CLOSED, F.DELIVERY_FAILED} == workflow.REFERRAL_ENDED


def test_a_failed_delivery_is_no_dead_end() -> None:
    workflow.check_referral(F.DELIVERY_FAILED, F.APPROVED, STAFF)
    workflow.check_referral(F.DELIVERY_FAILED, F.CLOSED, STAFF)


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        (T.PROPOSED, T.CONFIRMED, True),
        (T.PROPOSED, T.MERGED, True),
        (T.CONFIRMED, T.MERGED, True),
        (T.MERGED, T.CONFIRMED, False),
        (T.ARCHIVED, T.PROPOSED, False),
        (T.MERGED, T.PROPOSED, False),
    ],
)
def test_theme_steps(current: ThemeStatus, target: ThemeStatus, allowed: bool) -> None:
    if allowed:
        workflow.check_theme(current, target, STAFF)
    else:
        with pytest.raises(InvalidState):
            workflow.check_theme(current, target, STAFF)
