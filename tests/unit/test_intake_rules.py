"""What a report really is: a signal, a bezwaar, a complaint about an official, or a fraud tip."""

from __future__ import annotations

from datetime import date

import pytest
from babel.dates import format_date

from domain.intake_rules import formal_route, is_fraud_tip
from vocabulary import FormalRoute
from vocabulary.translations import speaking

TODAY = date(2026, 3, 1)


@pytest.mark.parametrize(
    "text",
    [
        "Mijn buurman werkt zwart en krijgt een uitkering, dat wil ik melden.",
        "Ik wil melden dat mijn ex-partner fraude pleegt met de toeslagen.",
        "Die man woont stiekem samen en krijgt toch bijstand, controleren!",
        "I want to report that my neighbour works cash in hand and gets benefits.",
        "My ex-husband commits fraud with his allowances, please check.",
        "That woman secretly lives with her boyfriend and claims benefits while he works.",
    ],
)
def test_a_tip_about_someone_elses_fraud_is_refused(text: str) -> None:
    assert is_fraud_tip(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ik word van fraude beschuldigd omdat mijn moeder boodschappen bracht. Ik ben geen fraudeur.",
        "De gemeente zegt dat ik zwart werk, maar ik help alleen mijn broer een dag in de week.",
        "Mijn bijstand is stopgezet omdat ik samenwoon, maar mijn zoon woont bij mij, geen partner.",
        "My ex-wife says I commit fraud, but the municipality stopped my benefit for no reason.",
        "I am accused of working off the books because I help my brother one day a week.",
        "My benefit was stopped because my son lives with me; he is not my partner.",
        # "he" inside "the", and a denial, were read as accusations
        "The municipality is cheating people out of their allowance and nobody helps me.",
        "The caseworker said the rules are the rules. The system works illegally to me.",
        "De gemeente zegt dat ik samenwoon met mijn zus; zij fraudeert niet, ze woont hier niet.",
    ],
)
def test_ones_own_situation_is_not_a_fraud_tip(text: str) -> None:
    assert not is_fraud_tip(text)


def test_a_bezwaar_gets_the_route_and_its_deadline() -> None:
    notice = formal_route("Ik wil in bezwaar tegen het besluit.", date(2026, 2, 10), TODAY)
    assert notice is not None and notice.route == FormalRoute.OBJECTION
    assert notice.deadline is not None and notice.deadline > date(2026, 2, 10)
    day = notice.deadline
    assert f"{day.day} {format_date(day, 'MMMM', locale='nl')} {day.year}" in notice.message


def test_a_bezwaar_is_explained_in_the_language_being_spoken() -> None:
    with speaking("en"):
        notice = formal_route("Ik wil in bezwaar tegen het besluit.", date(2026, 2, 10), TODAY)
    assert notice is not None and notice.deadline is not None
    assert "objection" in notice.message and "Let op" not in notice.message
    assert format_date(notice.deadline, format="long", locale="en") in notice.message


def test_a_late_bezwaar_is_still_explained() -> None:
    notice = formal_route("Ik maak bezwaar.", date(2025, 1, 6), TODAY)
    assert notice is not None and notice.deadline is not None and notice.deadline < TODAY
    assert "liep af" in notice.message


def test_a_bezwaar_without_a_date_names_the_six_weeks() -> None:
    notice = formal_route("Ik ga in bezwaar tegen de terugvordering.", None, TODAY)
    assert notice is not None and notice.deadline is None and "6 weken" in notice.message


def test_a_complaint_about_an_official_gets_the_complaint_route() -> None:
    notice = formal_route("Ik wil een klacht indienen over mijn klantmanager.", None, TODAY)
    assert notice is not None and notice.route == FormalRoute.COMPLAINT


def test_an_ordinary_signal_has_no_formal_route() -> None:
    assert formal_route("De regels voor de kostendelersnorm zijn te streng.", None, TODAY) is None
