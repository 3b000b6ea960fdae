"""The staff console works offline, and the API refuses abusive queries."""

from __future__ import annotations

import re

import httpx

from tests.conftest import Stack
from tests.support import free_port, start_api


def test_console_serves_graphiql_with_local_assets_only(stack: Stack) -> None:
    page = httpx.get(f"{stack.api.base_url}/graphql", headers={"Accept": "text/html"}, timeout=10)
    assert page.status_code == 200 and "graphiql" in page.text.lower()
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', page.text)
    assert external == []
    assets = re.findall(r'(?:src|href)="(/console/assets/[^"]+)"', page.text)
    assert len(assets) == 7
    for asset in assets:
        response = httpx.get(f"{stack.api.base_url}{asset}", timeout=10)
        assert response.status_code == 200 and len(response.content) > 500, asset
    assert (
        httpx.get(f"{stack.api.base_url}/console", timeout=10, follow_redirects=True).status_code
        == 200
    )


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


def test_production_configuration_hides_introspection_and_console(stack: Stack) -> None:
    port = free_port()
    env = {
        **stack.env,
        "SIGNAALPUNT_PORT": str(port),
        "SIGNAALPUNT_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "SIGNAALPUNT_PRODUCTION": "true",
        "OIDC_ISSUER": stack.issuer,
    }
    process, api = start_api(env, stack.log_dir, name="api-production")
    try:
        errors = api.errors("{ __schema { types { name } } }")
        assert errors and "introspection" in errors[0]["message"].lower()
        page = httpx.get(f"{api.base_url}/graphql", headers={"Accept": "text/html"}, timeout=10)
        assert "graphiql" not in page.text.lower()
        assert httpx.get(f"{api.base_url}/console", timeout=10).status_code == 404
        assert httpx.get(f"{api.base_url}/dev-issuer/jwks.json", timeout=10).status_code == 404
        # Ordinary queries still work, with the issuer's tokens.
        data = api.gql("{ viewer { roles } }", token=stack.token("staff"))
        assert data["viewer"]["roles"] == ["STAFF"]
    finally:
        process.stop()


def test_unexpected_errors_are_masked(stack: Stack) -> None:
    body = stack.api.post(
        '{ reports(first: 5, after: "%%%") { edges { cursor } } }', token=stack.token("staff")
    ).json()
    # A malformed cursor is treated as no cursor: no stack trace, no internal detail.
    assert "Traceback" not in str(body)
