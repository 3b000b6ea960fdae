"""The development issuer's login runs the authorization-code flow with PKCE as a real
provider does: S256 only, a code used once, the verifier checked, errors as RFC 6749."""

from __future__ import annotations

import re
import secrets
from urllib.parse import parse_qs, urlparse

import httpx
from authlib.oauth2.rfc7636 import create_s256_code_challenge

from tests.stack import Stack


def _code(client: httpx.Client, base: str, challenge: str, **extra: str) -> str:
    params = {"response_type": "code", "client_id": "signaalpunt-web", "state": "s1",
              "redirect_uri": f"{base}/inloggen/terug", "code_challenge": challenge,
              "code_challenge_method": "S256", "nonce": "n1", **extra}  # fmt: skip
    page = client.get(f"{base}/dev-issuer/authorize", params=params)
    assert page.status_code == 200, page.text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf
    done = client.post(f"{base}/dev-issuer/authorize",
                       data={**params, "csrf": csrf.group(1), "name": "Jan", "role": "resident"})  # fmt: skip
    assert done.status_code == 303
    query = parse_qs(urlparse(done.headers["location"]).query)
    assert query["state"] == ["s1"]
    return query["code"][0]


def test_the_code_needs_its_verifier_and_is_used_once(stack: Stack) -> None:
    base = stack.api.base_url
    verifier = secrets.token_urlsafe(48)
    challenge = create_s256_code_challenge(verifier)
    with httpx.Client(follow_redirects=False) as client:
        exchange = {"grant_type": "authorization_code", "client_id": "signaalpunt-web",
                    "redirect_uri": f"{base}/inloggen/terug"}  # fmt: skip
        wrong = client.post(f"{base}/dev-issuer/token", data={
            **exchange, "code": _code(client, base, challenge),
            "code_verifier": secrets.token_urlsafe(48)})  # fmt: skip
        assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"

        code = _code(client, base, challenge)
        tokens = client.post(f"{base}/dev-issuer/token",
                             data={**exchange, "code": code, "code_verifier": verifier})  # fmt: skip
        assert tokens.status_code == 200, tokens.text
        assert tokens.json()["token_type"] == "Bearer" and tokens.json()["id_token"]
        again = client.post(f"{base}/dev-issuer/token",
                            data={**exchange, "code": code, "code_verifier": verifier})  # fmt: skip
        assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
        # The access token is a resident's bearer token for the API.
        me = client.post(f"{base}/graphql", json={"query": "{ viewer { roles } }"},
                         headers={"Authorization": f"Bearer {tokens.json()['access_token']}"})  # fmt: skip
        assert me.status_code == 200 and "RESIDENT" in me.text

        # Without PKCE, or to another site, there is no login page at all.
        plain = client.get(f"{base}/dev-issuer/authorize", params={
            "response_type": "code", "client_id": "x", "state": "s",
            "redirect_uri": f"{base}/inloggen/terug"})  # fmt: skip
        assert plain.status_code == 400 and plain.json()["error"] == "invalid_request"
        elsewhere = client.get(f"{base}/dev-issuer/authorize", params={
            "response_type": "code", "client_id": "x", "state": "s", "code_challenge": challenge,
            "code_challenge_method": "S256", "redirect_uri": "https://evil.example/cb"})  # fmt: skip
        assert elsewhere.status_code == 400
    discovery = httpx.get(f"{base}/dev-issuer/.well-known/openid-configuration").json()
    assert discovery["code_challenge_methods_supported"] == ["S256"]
