"""Staff read a theme's bottleneck the way the field does: VNG level and elements, and the
Behoorlijkheidswijzer's norms (versioned reference data)."""

from __future__ import annotations

from typing import Any

from frontend_contract import operation
from tests.stack import Stack
from tests.support import wait_until

TEXTS = [
    ("Mijn broer van 46 heeft een verstandelijke beperking en zijn bewindvoerder kan niet "
     "inloggen bij de Belastingdienst namens hem. Machtigen via DigiD lukt niet zonder telefoon.",
     "GM0599"),
    ("Als bewindvoerder kan ik voor een cliënt van 71 zonder smartphone geen DigiD-machtiging "
     "regelen; de Belastingdienst en het UWV hebben alleen het digitale loket.", "GM0518"),
]  # fmt: skip


def test_staff_tag_a_theme_with_level_elements_and_norms(stack: Stack) -> None:
    staff = stack.token("staff")
    ids = [
        stack.api.gql(
            operation("SubmitReport"),
            {"input": {"text": t, "reporterRole": "RESIDENT", "channel": "WEB", "municipality": m}},
        )["submitReport"]["reference"]
        for t, m in TEXTS
    ]

    def themed() -> list[dict[str, Any]] | None:
        reports = [stack.api.gql(operation("Report"), {"id": i}, staff)["report"] for i in ids]
        return reports if all(r["theme"] for r in reports) else None

    theme_id = wait_until(themed, timeout=90)[0]["theme"]["id"]
    framework = stack.api.gql(operation("BottleneckFramework"), {}, staff)["bottleneckFramework"]
    assert framework["behoorlijkheidswijzerVersion"] == "2012"
    assert sum(len(v["norms"]) for v in framework["values"]) == 22
    assert len(framework["elements"]) == 6 and len(framework["levels"]) == 3

    tagged = stack.api.gql(
        operation("TagTheme"),
        {"input": {"themeId": theme_id, "level": "NATIONAL", "elements": ["KADER", "BEVOEGDHEDEN"],
                   "norms": [11, 2]}},
        staff,
    )["tagTheme"]  # fmt: skip
    assert tagged["__typename"] == "ThemeTagged"
    theme = tagged["theme"]
    assert theme["bottleneckLevel"] == "NATIONAL" and theme["elements"] == ["BEVOEGDHEDEN", "KADER"]
    assert [(n["number"], n["value"], n["label"]) for n in theme["norms"]] == [
        (2, "A", "Goede informatieverstrekking"), (11, "C", "Maatwerk"),
    ]  # fmt: skip
    assert theme["normsVersion"] == "2012"

    wrong = stack.api.gql(
        operation("TagTheme"), {"input": {"themeId": theme_id, "norms": [23]}}, staff
    )["tagTheme"]
    assert wrong["__typename"] == "InvalidInput" and wrong["errors"][0]["field"] == "norms"
    audit = stack.api.gql(operation("AuditEvents"), {"targetId": theme_id}, staff)
    assert "theme.tagged" in {e["action"] for e in audit["auditEvents"]["nodes"]}

    # A single report can carry tags of its own.
    report = stack.api.gql(operation("TagReport"), {"input": {
        "reportId": ids[0], "level": "PROFESSIONAL", "elements": ["EXPERTISE"], "norms": [7]}},
        staff)["tagReport"]  # fmt: skip
    assert report["__typename"] == "ReportTagged"
    assert (report["report"]["bottleneckLevel"], report["report"]["elements"],
            report["report"]["norms"]) == ("PROFESSIONAL", ["EXPERTISE"], [7])  # fmt: skip
    bad = stack.api.gql(operation("TagReport"), {"input": {"reportId": ids[0], "norms": [0]}},
                        staff)["tagReport"]  # fmt: skip
    assert bad["__typename"] == "InvalidInput"


def test_the_engine_suggests_tags_with_reasons_and_staff_take_over_or_reject(stack: Stack) -> None:
    staff = stack.token("staff")
    texts = [
        ("De brief over mijn bijstand was onduidelijk en ik wacht al maanden op een antwoord van "
         "de gemeente; niemand belt terug.", "GM0153"),
        ("Ik kreeg een onduidelijke brief over de bijstand en wacht nu al maanden; de gemeente "
         "reageert niet op mijn vragen.", "GM0034"),
    ]  # fmt: skip
    ids = [
        stack.api.gql(operation("SubmitReport"), {"input": {
            "text": t, "reporterRole": "RESIDENT", "channel": "WEB", "municipality": m,
            "domains": ["PARTICIPATIEWET"]}})["submitReport"]["reference"]
        for t, m in texts
    ]  # fmt: skip

    def themed() -> str | None:
        reports = [stack.api.gql(operation("Report"), {"id": i}, staff)["report"] for i in ids]
        found = {r["theme"]["id"] for r in reports if r["theme"]}
        return found.pop() if len(found) == 1 and all(r["theme"] for r in reports) else None

    theme_id = wait_until(themed, timeout=90)

    def suggestions() -> dict[tuple[str, str], str]:
        found = stack.api.gql(operation("TagSuggestions"), {"themeId": theme_id}, staff)
        return {(s["kind"], s["value"]): s["reason"] for s in found["tagSuggestions"]}

    offered = suggestions()
    assert ("NORM", "14") in offered and "“" in offered[("NORM", "14")]  # the words that led to it
    assert ("ELEMENT", "INFORMATIE") in offered

    def review(kind: str, value: str, accept: bool) -> dict[str, Any]:
        return stack.api.gql(operation("ReviewTagSuggestion"), {"input": {
            "themeId": theme_id, "kind": kind, "value": value, "accept": accept}}, staff)[
            "reviewTagSuggestion"]  # fmt: skip

    taken = review("NORM", "14", True)
    assert taken["__typename"] == "TagSuggestionReviewed"
    assert [n["number"] for n in taken["theme"]["norms"]] == [14]
    assert review("ELEMENT", "INFORMATIE", False)["__typename"] == "TagSuggestionReviewed"
    after = suggestions()
    assert ("NORM", "14") not in after and ("ELEMENT", "INFORMATIE") not in after
    # A level staff chose is never replaced by a suggestion.
    stack.api.gql(operation("TagTheme"), {"input": {"themeId": theme_id, "level": "MUNICIPALITY",
                  "norms": [14]}}, staff)  # fmt: skip
    refused = review("LEVEL", "NATIONAL", True)
    assert refused["__typename"] == "InvalidState"
    assert not any(kind == "LEVEL" for kind, _ in suggestions())
    nonsense = review("NORM", "99", True)
    assert nonsense["__typename"] == "InvalidInput"
