"""Staff search: the newest reports matching the words *and* every other filter, page by
page, the same whichever way the search finds them (`resolvers.reports.search`: a walk of
the newest reports, every sparse match, or the long walk)."""

from __future__ import annotations

from typing import Any

import pytest

from frontend_contract import operation
from resolvers.reports import search
from tests.stack import Stack

WORD = "stookkostenforfait"
MUNICIPALITY = "GM0796"


def _submit(stack: Stack, text: str, municipality: str = MUNICIPALITY) -> str:
    done = stack.api.gql(operation("SubmitReport"), {"input": {
        "text": text, "reporterRole": "RESIDENT", "channel": "WEB",
        "municipality": municipality}})["submitReport"]  # fmt: skip
    assert done["__typename"] == "ReportSubmitted", done
    return done["reference"]


def _pages(stack: Stack, staff: str, filter: dict[str, Any], first: int) -> list[list[str]]:
    pages, after = [], None
    while True:
        found = stack.api.gql(
            operation("Reports"), {"filter": filter, "first": first, "after": after}, staff
        )["reports"]
        pages.append([e["node"]["id"] for e in found["edges"]])
        if not found["pageInfo"]["hasNextPage"]:
            return pages
        after = found["pageInfo"]["endCursor"]


@pytest.fixture(scope="module")
def reports(stack: Stack) -> dict[str, list[str]]:
    """Five reports with the word (in inflected forms) here, one elsewhere, three here without."""
    made: dict[str, list[str]] = {"here": [], "elsewhere": [], "without": []}
    for n in range(5):
        made["here"].append(_submit(stack, (
            f"Het {WORD} van de gemeente is dit jaar {n + 2} keer verlaagd; met de "
            "energierekening van deze winter kom ik niet rond en de gemeente wijst naar de wet."
            if n % 2 else
            f"Ik kreeg geen {WORD}en meer omdat mijn huurcontract op naam van mijn ex staat, "
            f"al {n + 3} maanden niet, terwijl ik er wel woon met de kinderen."
        )))  # fmt: skip
        if n == 2:
            made["without"].append(_submit(stack, (
                "De gemeente vraagt voor de bijzondere bijstand bankafschriften van een heel "
                "jaar, terwijl mijn aanvraag alleen over een nieuwe wasmachine gaat."
            )))  # fmt: skip
    made["elsewhere"].append(_submit(stack, (
        f"Ons {WORD} stopt bij een inkomen net boven de grens, ook als de energierekening "
        "verdubbelt; de regeling kent geen overgang."
    ), municipality="GM0363"))  # fmt: skip
    made["here"].reverse()  # newest first
    return made


@pytest.mark.parametrize(
    ("window", "all_matches"),
    [(search.WINDOW_PER_ROW, search.ALL_MATCHES), (1, search.ALL_MATCHES), (1, 1)],
    ids=["walk-of-the-newest", "every-sparse-match", "long-walk"],
)
def test_every_way_finds_the_same_pages(
    stack: Stack, reports: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch,
    window: int, all_matches: int,
) -> None:  # fmt: skip
    monkeypatch.setattr(search, "WINDOW_PER_ROW", window)
    monkeypatch.setattr(search, "ALL_MATCHES", all_matches)
    staff = stack.token("staff")
    here = {"search": WORD, "municipality": MUNICIPALITY}
    assert _pages(stack, staff, here, 2) == [reports["here"][:2], reports["here"][2:4],
                                            reports["here"][4:]]  # fmt: skip
    assert _pages(stack, staff, here, 50) == [reports["here"]]
    everywhere = _pages(stack, staff, {"search": WORD}, 50)[0]
    assert set(everywhere) == {*reports["here"], *reports["elsewhere"]}
    assert set(everywhere).isdisjoint(reports["without"])


def test_words_with_quotes_and_operators_are_only_words(
    stack: Stack, reports: dict[str, list[str]]
) -> None:
    staff = stack.token("staff")
    for words in (f"{WORD}' OR 1=1 --", f'"{WORD}" -wasmachine', "'; DROP TABLE report; --",
                  f"{WORD}\\' OR true --", "\\"):  # fmt: skip
        found = stack.api.gql(operation("Reports"), {"filter": {"search": words}}, staff)
        assert set(e["node"]["id"] for e in found["reports"]["edges"]) <= {
            *reports["here"], *reports["elsewhere"]}  # fmt: skip
    assert stack.sql("SELECT count(*) AS n FROM report")[0]["n"] > 0
