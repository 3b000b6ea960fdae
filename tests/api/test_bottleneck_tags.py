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
