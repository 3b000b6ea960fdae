"""Danger in a report's text and the help numbers the reporter gets at once."""

from __future__ import annotations

import pytest

from domain.urgency import help_numbers, urgency_from_text, urgent_message
from vocabulary import UrgencyFlag
from vocabulary.translations import speaking


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        ("Ik zie het niet meer zitten en denk aan zelfmoord.", {UrgencyFlag.SUICIDE_RISK}),
        ("Soms wil ik niet meer leven door alle schulden.", {UrgencyFlag.SUICIDE_RISK}),
        ("I sometimes think I will end my life.", {UrgencyFlag.SUICIDE_RISK}),
        ("Mijn ex slaat mij en ik durf niet naar huis.", {UrgencyFlag.VIOLENCE}),
        ("De kinderen zijn niet veilig bij hem.", {UrgencyFlag.CHILD_SAFETY}),
        ("De gemeente vordert mijn bijstand terug.", set()),
        ("Het sociaal wijkteam doet niets met mijn vraag over de leeftijd.", set()),
    ],
)
def test_danger_is_read_from_the_text(text: str, flags: set[UrgencyFlag]) -> None:
    assert urgency_from_text(text) == flags


def test_help_numbers_fit_the_danger_and_the_language() -> None:
    suicide = help_numbers({UrgencyFlag.SUICIDE_RISK})
    assert [h.number for h in suicide] == ["112", "0800-0113"]
    assert suicide[0].when == "Bij direct gevaar."
    with speaking("en"):
        violence = help_numbers({UrgencyFlag.VIOLENCE, UrgencyFlag.EVICTION})
        assert "urgent" in urgent_message()
    assert [h.number for h in violence] == ["112", "0800-2000"]
    assert violence[0].when == "If you are in danger now."
    # Hardship is urgent for triage, but not a danger that calls for these numbers.
    assert help_numbers({UrgencyFlag.EVICTION, UrgencyFlag.NO_INCOME}) == []
    assert "bonnummer" in urgent_message(with_receipt=True)
