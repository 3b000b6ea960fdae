"""Open Notificaties semantics: filters, kanalen, actions, messages, backoff, callback URLs."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from messaging.notificaties.callback_check import receiver_of, url_problem
from messaging.notificaties.filters import Kanaal, check_kanalen, filters_match, matches
from messaging.notificaties.messages import (
    cloud_event,
    kanaal_and_actie,
    message,
    theme_kenmerken,
)
from messaging.notificaties.policy import DeliveryPolicy
from schema.abonnementen.types import auth_hint

KENMERKEN = {"gemeentecode": "GM0363", "domein": "WLZ", "actie": "update"}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, True),
        ({"gemeentecode": "GM0363"}, True),
        ({"gemeentecode": "*"}, True),
        ({"gemeentecode": "GM0518"}, False),
        ({"domein": "WLZ", "actie": "destroy"}, False),  # every filter of a group must hold
        ({"niveau": "LOCAL"}, True),  # a kenmerk the message lacks is ignored
    ],
)
def test_filters_match_as_open_notificaties_does(filters: dict[str, str], expected: bool) -> None:
    assert filters_match(filters, KENMERKEN) is expected


def test_no_or_inside_a_group_but_one_group_per_value() -> None:
    wlz_or_jeugd = [Kanaal("themas", {"domein": "WLZ"}), Kanaal("themas", {"domein": "JEUGDWET"})]
    assert matches(wlz_or_jeugd, "themas", KENMERKEN)
    assert matches(wlz_or_jeugd, "themas", {**KENMERKEN, "domein": "JEUGDWET"})
    assert not matches(wlz_or_jeugd, "themas", {**KENMERKEN, "domein": "PARTICIPATIEWET"})
    assert not matches(wlz_or_jeugd, "doorverwijzingen", KENMERKEN)  # another kanaal


def test_kanalen_are_checked_against_the_own_municipality() -> None:
    fine = [Kanaal("themas", {"gemeentecode": "GM0363", "actie": "*"})]
    assert check_kanalen(fine, "GM0363") == []
    problems = check_kanalen(
        [Kanaal("zaken", {}), Kanaal("themas", {"gemeentecode": "GM0518", "kleur": "rood"})],
        "GM0363",
    )
    assert [p.field for p in problems] == [
        "kanalen[0].naam",
        "kanalen[1].filters",
        "kanalen[1].filters",
    ]
    assert check_kanalen([], "GM0363")[0].field == "kanalen"


@pytest.mark.parametrize(
    ("change", "status", "expected"),
    [
        ("CREATED", "PROPOSED", ("themas", "create")),
        ("RENAMED", "CONFIRMED", ("themas", "update")),
        ("MERGED", "MERGED", ("themas", "destroy")),
        ("ARCHIVED", "ARCHIVED", ("themas", "destroy")),
        ("UPDATED", "ARCHIVED", ("themas", "destroy")),
        ("REFERRAL_SENT", "CONFIRMED", ("doorverwijzingen", "sent")),
        ("REFERRAL_ANSWERED", "CONFIRMED", ("doorverwijzingen", "answered")),
    ],
)
def test_theme_changes_become_kanaal_and_actie(
    change: str, status: str, expected: tuple[str, str]
) -> None:
    assert kanaal_and_actie(change, status) == expected


def test_a_message_holds_flat_kenmerken_and_no_text() -> None:
    payload = {"status": "CONFIRMED", "domains": ["WLZ", "ZVW"], "solutionLevel": None,
               "label": "eigen bijdrage", "topTerms": ["cak"]}  # fmt: skip
    kenmerken = theme_kenmerken(payload, "update")
    assert kenmerken == {"actie": "update", "status": "CONFIRMED", "domein": "WLZ"}
    body = message(kanaal="themas", actie="update", url="https://sp.example/api/themas/1",
                   created_at=datetime(2026, 12, 1, 9, 30, tzinfo=UTC), kenmerken=kenmerken,
                   gemeentecode="GM0363")  # fmt: skip
    assert set(body) == {"kanaal", "hoofdObject", "resource", "resourceUrl", "actie",
                         "aanmaakdatum", "kenmerken"}  # fmt: skip
    assert body["aanmaakdatum"] == "2026-12-01T09:30:00Z"
    assert body["kenmerken"]["gemeentecode"] == "GM0363"
    assert "eigen bijdrage" not in str(body)
    event = cloud_event(body, "abc", "https://sp.example")
    assert event["type"] == "nl.overheid.themas.thema.update" and event["data"] == body


def test_default_backoff_spans_about_a_day_like_open_notificaties() -> None:
    waits = DeliveryPolicy().schedule()
    assert len(waits) == 7 and waits[:3] == [25.0, 100.0, 400.0]
    assert 1 < sum(waits) / 86_400 < 2


def test_callback_urls() -> None:
    assert url_problem("https://gemeente.nl/hook", https_only=True) is None
    assert url_problem("http://127.0.0.1:9000/hook", https_only=True) is None
    assert url_problem("http://gemeente.nl/hook", https_only=True)
    assert url_problem("http://gemeente.nl/hook", https_only=False) is None
    assert url_problem("https://user:pw@gemeente.nl/hook", https_only=False)
    assert url_problem("gemeente.nl/hook", https_only=False)
    assert receiver_of("https://Gemeente.nl/a") == receiver_of("https://gemeente.nl:443/b")


def test_the_auth_value_is_only_hinted() -> None:
    assert auth_hint("Bearer abcdefghijkl") == "Bearer abcd…"
    assert auth_hint("geheim") == "…"
