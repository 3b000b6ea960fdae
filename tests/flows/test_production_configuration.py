"""Production settings switch off what only a laptop needs (a second API process)."""

from __future__ import annotations

import httpx

from tests.stack import Stack
from tests.support import free_port, start_api


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
