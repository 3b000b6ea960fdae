"""A theme change is executed once per process for every subscriber who asked the same, and
each subscriber still gets exactly its own selection, filter and refusal."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

from auth.roles import Role, Viewer
from frontend_contract import operation
from messaging.broadcast import ThemeBroadcaster
from resolvers.dataloaders import Loaders
from schema.context import Context
from signaalpunt.graphql_schema import build_schema

SHORT = "subscription { themeUpdates { themeId label } }"


def _payload(label: str, codes: list[str]) -> dict[str, Any]:
    return {
        "themeId": "2b0f6a57-5f0e-4a57-9d6e-3c9b1f7b6a10", "version": 3, "change": "RENAMED",
        "label": label, "status": "CONFIRMED", "topTerms": ["eigen bijdrage"], "caseCount": 12,
        "reporterCount": 12, "residentReporterCount": 7, "professionalReporterCount": 5,
        "municipalities": [{"code": c, "caseCount": 6} for c in codes], "domains": ["WLZ"],
        "problemTypes": [], "structuralScore": 0.5, "solutionLevel": None,
        "changedAt": datetime.now(UTC).isoformat(),
    }  # fmt: skip


async def _run() -> dict[str, list[Any]]:
    schema = build_schema(None)
    broadcaster = ThemeBroadcaster("redis://unused", "unused")
    services = SimpleNamespace(broadcaster=broadcaster,
                               settings=SimpleNamespace(small_count_threshold=5))  # fmt: skip

    async def subscribe(document: str, viewer: Viewer) -> Any:
        context = Context(request=None, response=None, services=services,  # type: ignore[arg-type]
                          loaders=Loaders(), viewer=viewer)  # fmt: skip
        return await schema.subscribe(document, context_value=context)

    def municipality(code: str) -> Viewer:
        return Viewer(subject=f"gemeente-{code}", roles=frozenset({Role.MUNICIPALITY}),
                      municipality_code=code)  # fmt: skip

    full = operation("ThemeUpdates")
    partner = Viewer(subject="no", roles=frozenset({Role.PARTNER}), partner="NATIONALE_OMBUDSMAN")
    streams = {
        "full-a": await subscribe(full, municipality("GM0363")),
        "full-b": await subscribe(full, municipality("GM0363")),
        "short": await subscribe(SHORT, municipality("GM0363")),
        "other-municipality": await subscribe(full, municipality("GM0599")),
        "partner": await subscribe(full, partner),
    }
    got: dict[str, list[Any]] = {name: [] for name in streams}

    async def collect(name: str, stream: Any) -> None:
        async for result in stream:
            got[name].append(result)

    tasks = [asyncio.create_task(collect(n, s)) for n, s in streams.items()]
    await asyncio.sleep(0.1)
    broadcaster._dispatch(_payload("Eigen bijdrage Wlz", ["GM0363"]))
    await asyncio.sleep(0.1)
    broadcaster._dispatch(_payload("Eigen bijdrage Wlz thuis", ["GM0363", "GM0599"]))
    await asyncio.sleep(0.1)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return got


def test_each_subscriber_gets_its_own_selection_of_one_shared_execution() -> None:
    got = asyncio.run(_run())
    labels = [r.data["themeUpdates"]["label"] for r in got["full-a"]]
    assert labels == ["Eigen bijdrage Wlz", "Eigen bijdrage Wlz thuis"]
    assert [r.data for r in got["full-a"]] == [r.data for r in got["full-b"]]
    assert set(got["full-a"][1].data["themeUpdates"]) > {"caseCount", "municipalities"}
    assert [r.data for r in got["short"]] == [
        {"themeUpdates": {"themeId": "2b0f6a57-5f0e-4a57-9d6e-3c9b1f7b6a10", "label": label}}
        for label in labels
    ]
    # The other municipality follows its own: only the change that touches it.
    assert [r.data["themeUpdates"]["label"] for r in got["other-municipality"]] == [
        "Eigen bijdrage Wlz thuis"
    ]
    # A partner is refused, whatever the others were given.
    assert got["partner"] and all(r.data is None and r.errors for r in got["partner"])
    assert "FORBIDDEN" in json.dumps([e.extensions for r in got["partner"] for e in r.errors])
