"""The staff console works offline, and the API refuses abusive queries."""

from __future__ import annotations

import re

from tests.stack import Stack


def test_console_serves_graphiql_with_local_assets_only(stack: Stack) -> None:
    page = stack.api.request("GET", "/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', page.text)
    assert external == []
    assets = re.findall(r'(?:src|href)="(/console/assets/[^"]+)"', page.text)
    assert len(assets) == 7
    for asset in assets:
        response = stack.api.request("GET", asset)
        assert response.status_code == 200 and len(response.content) > 500, asset
    assert stack.api.request("GET", "/console", follow_redirects=True).status_code == 200


def test_depth_alias_and_token_limits(stack: Stack) -> None:
    staff = stack.token("staff")
    deep = "{ reports { edges { node { theme { reports { nodes { theme { reports { nodes { theme { reports { nodes { id } } } } } } } } } } } } }"
    errors = stack.api.errors(deep, token=staff)
    assert errors and "exceeds maximum operation depth" in errors[0]["message"]
    aliases = "{ " + " ".join(f"a{i}: taxonomy {{ domains {{ label }} }}" for i in range(30)) + " }"
    errors = stack.api.errors(aliases)
    assert errors and "aliases" in errors[0]["message"].lower()
    tokens = "{ taxonomy { " + " ".join(["domains { label }"] * 600) + " } }"
    errors = stack.api.errors(tokens)
    assert errors and "token" in errors[0]["message"].lower()


def test_a_malformed_cursor_is_treated_as_no_cursor(stack: Stack) -> None:
    staff = stack.token("staff")
    first = stack.api.gql("{ reports(first: 5) { edges { cursor } } }", token=staff)
    body = stack.api.post(
        '{ reports(first: 5, after: "%%%") { edges { cursor } } }', token=staff
    ).json()
    assert body.get("errors") is None, body
    assert body["data"] == first
