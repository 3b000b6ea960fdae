"""The staff console works offline, and the API refuses abusive queries."""

from __future__ import annotations

import json
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


def test_console_opens_on_a_valid_document_with_the_staff_operations_and_keeps_no_token(
    stack: Stack,
) -> None:
    page = stack.api.request("GET", "/graphql", headers={"Accept": "text/html"}).text
    default = page.split("const EXAMPLE_QUERY = `", 1)[1].split("`;", 1)[0]
    staff = stack.token("staff")
    assert stack.api.gql(default, token=staff)["themes"]["edges"] is not None
    tabs = json.loads(page.split("const OPERATIONS = ", 1)[1].split(";\n", 1)[0])
    names = {re.search(r"(?:query|mutation) (\w+)", t["query"]).group(1) for t in tabs}  # type: ignore[union-attr]
    assert {"Reports", "Report", "Themes", "ReferTheme"} <= names
    assert "shouldPersistHeaders: false" in page


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


def test_a_cursor_from_another_millennium_is_no_cursor(stack: Stack) -> None:
    import base64

    staff = stack.token("staff")
    cursor = base64.urlsafe_b64encode(
        b"9999-12-31T23:59:59.999999+14:00|00000000-0000-4000-8000-000000000000"
    ).decode()
    body = stack.api.post(
        "query($a: String) { reports(first: 3, after: $a) { edges { cursor } } }",
        {"a": cursor},
        token=staff,
    ).json()
    assert body.get("errors") is None, body


def test_a_lone_surrogate_in_text_is_invalid_input(stack: Stack) -> None:
    """JSON may carry a lone surrogate ("\\ud800"); PostgreSQL cannot store one."""
    document = (
        "mutation($i: SubmitReportInput!) { submitReport(input: $i) { __typename "
        "... on InvalidInput { errors { field code } } } }"
    )
    variables = {
        "i": {
            "text": "Mijn uitkering is stopgezet zonder uitleg, echt waar: SURROGATE.",
            "reporterRole": "RESIDENT",
            "channel": "WEB",
            "municipality": "GM0363",
        }
    }
    body = json.dumps({"query": document, "variables": variables}).replace("SURROGATE", "\\ud800")
    response = stack.api.request(
        "POST", "/graphql", content=body.encode(), headers={"Content-Type": "application/json"}
    )
    result = response.json()["data"]["submitReport"]
    assert result["__typename"] == "InvalidInput"
    assert result["errors"] == [{"field": "text", "code": "INVALID_VALUE"}]


def test_cors_only_for_the_configured_origins(stack: Stack) -> None:
    """This stack allows https://elders.example (SIGNAALPUNT_ALLOWED_ORIGINS); none by default."""
    preflight = {"Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization, content-type"}  # fmt: skip
    allowed = stack.api.request(
        "OPTIONS", "/graphql", headers={"Origin": "https://elders.example", **preflight}
    )
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://elders.example"
    refused = stack.api.request(
        "OPTIONS", "/graphql", headers={"Origin": "https://kwaad.example", **preflight}
    )
    assert "access-control-allow-origin" not in refused.headers
    simple = stack.api.request(
        "POST", "/graphql", json={"query": "{ __typename }"},
        headers={"Origin": "https://elders.example"},
    )  # fmt: skip
    assert simple.headers["access-control-allow-origin"] == "https://elders.example"
