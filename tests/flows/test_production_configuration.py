"""Production settings switch off what only a laptop needs (a second API process)."""

from __future__ import annotations

import httpx

from frontend_contract import document_id, operation
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
        staff = stack.token("staff")
        typo = api.errors("{ reprts { nodes { id } } }", token=staff)
        assert typo and "Did you mean" not in typo[0]["message"]
        assert typo[0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
        errors = api.errors("{ __schema { types { name } } }", token=staff)
        assert errors and "introspection" in errors[0]["message"].lower()
        page = httpx.get(f"{api.base_url}/graphql", headers={"Accept": "text/html"}, timeout=10)
        assert "graphiql" not in page.text.lower()
        assert httpx.get(f"{api.base_url}/console", timeout=10).status_code == 404
        assert httpx.get(f"{api.base_url}/dev-issuer/jwks.json", timeout=10).status_code == 404
        # Staff may still send their own documents, with the issuer's tokens.
        data = api.gql("{ viewer { roles } }", token=stack.token("staff"))
        assert data["viewer"]["roles"] == ["STAFF"]
        # Anyone else runs trusted documents only, by id.
        free = api.post("{ taxonomy { domains { label } } }")
        assert free.status_code == 400
        assert free.json()["errors"][0]["extensions"]["code"] == "FREE_FORM_NOT_ALLOWED"
        taxonomy = operation("Taxonomy")
        by_id = httpx.post(
            f"{api.base_url}/graphql", json={"documentId": document_id(taxonomy)}, timeout=10
        )
        assert by_id.status_code == 200 and by_id.json()["data"]["taxonomy"]["domains"]
        unknown = httpx.post(
            f"{api.base_url}/graphql", json={"documentId": "sha256:" + "0" * 64}, timeout=10
        )
        assert unknown.status_code == 400
        assert unknown.json()["errors"][0]["extensions"]["code"] == "PERSISTED_DOCUMENT_NOT_FOUND"
        staff_only = httpx.post(
            f"{api.base_url}/graphql",
            json={"documentId": document_id(operation("Reports")), "variables": {}},
            timeout=10,
        )
        assert staff_only.status_code == 400
        assert (
            staff_only.json()["errors"][0]["extensions"]["code"] == "PERSISTED_DOCUMENT_NOT_ALLOWED"
        )
    finally:
        process.stop()
