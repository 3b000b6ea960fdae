"""Closing a theme ends its open reports and tells every reporter, each in their language;
their surveys open."""

from __future__ import annotations

from typing import Any

from frontend_contract import operation
from tests.stack import Stack
from tests.support import wait_until

STORIES = [
    ("nl", "GM0014", "Mijn moeder van 84 moet voor de Wlz-indicatie elk jaar opnieuw alle "
     "papieren aanleveren, terwijl haar dementie alleen maar erger wordt. Het CIZ vraagt "
     "steeds dezelfde formulieren."),
    ("nl", "GM0034", "Elk jaar weer moet mijn vader met dementie opnieuw bewijzen dat hij "
     "zorg nodig heeft voor de Wet langdurige zorg. Het CIZ wil weer alle formulieren."),
    ("en", "GM0307", "Every year my mother, who has dementia, has to hand in all the papers "
     "again for her Wlz long-term care assessment. The CIZ keeps asking for the same forms."),
]  # fmt: skip


def _view(stack: Stack, receipt: str) -> dict[str, Any]:
    return stack.api.gql(operation("ReportByReceipt"), {"receipt": receipt})["reportByReceipt"]


def test_closing_a_theme_tells_every_reporter_in_their_language(stack: Stack) -> None:
    staff = stack.token("staff")
    submitted = [
        stack.api.gql(operation("SubmitReport"), {"input": {
            "text": text, "reporterRole": "RESIDENT", "channel": "WEB", "municipality": code,
            "language": language, "domains": ["WLZ"]}})["submitReport"]
        for language, code, text in STORIES
    ]  # fmt: skip

    def themed() -> str | None:
        found = [
            stack.api.gql(operation("Report"), {"id": s["reference"]}, staff)["report"]
            for s in submitted
        ]
        themes = {r["theme"]["id"] for r in found if r["theme"]}
        return themes.pop() if len(themes) == 1 and all(r["theme"] for r in found) else None

    theme_id = wait_until(themed, timeout=90)
    closed = stack.api.gql(operation("CloseTheme"), {"input": {"themeId": theme_id}}, staff)
    assert closed["closeTheme"]["__typename"] == "ThemeClosed", closed
    assert closed["closeTheme"]["closedReports"] == 3
    dutch, english = _view(stack, submitted[0]["receipt"]), _view(stack, submitted[2]["receipt"])
    assert dutch["status"] == english["status"] == "CLOSED"
    assert any(
        m["body"].startswith("We hebben uw signaal afgerond.") for m in dutch["messages"]["nodes"]
    )
    assert any(
        m["body"].startswith("We have finished with your report.")
        for m in english["messages"]["nodes"]
    )
    assert dutch["survey"]["open"] and english["survey"]["open"]
    # Closing again ends nothing more and sends no second closing message.
    again = stack.api.gql(operation("CloseTheme"), {"input": {"themeId": theme_id}}, staff)
    assert again["closeTheme"]["closedReports"] == 0
    assert len(_view(stack, submitted[0]["receipt"])["messages"]["nodes"]) == len(
        dutch["messages"]["nodes"]
    )
