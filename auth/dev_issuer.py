"""A local development issuer: one signing key in the data directory, tokens for every role.

The app serves the public half as an OIDC discovery document and JWKS, so the whole product
runs without an external identity provider. For the web client it also has a minimal local
login: the authorization-code flow with PKCE (S256 only, public clients, codes used once
within a minute), the flow a real provider runs. Production switches it off and points
`OIDC_ISSUER` at the real provider.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from pathlib import Path
from typing import Any

from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt
from joserfc.jwk import ECKey, KeySet

from auth.jwks import KeySource
from auth.roles import Role


def _key_path(data_dir: Path) -> Path:
    return data_dir / "keys" / "dev-issuer.jwk.json"


def load_or_create_key(data_dir: Path) -> ECKey:
    path = _key_path(data_dir)
    if path.exists():
        return ECKey.import_key(json.loads(path.read_text()))
    key = ECKey.generate_key("P-256", parameters={"use": "sig", "alg": "ES256"})
    key.ensure_kid()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(key.as_dict(private=True)))
    path.chmod(0o600)
    return key


def public_key_set(data_dir: Path) -> dict[str, Any]:
    key = load_or_create_key(data_dir)
    return dict(KeySet([key]).as_dict(private=False))


def local_key_source(data_dir: Path) -> KeySource:
    """The development key set read from the data directory: the app that is its own issuer
    does not ask itself over HTTP."""

    async def fetch() -> KeySet:
        return KeySet([load_or_create_key(data_dir)])

    return fetch


CODE_SECONDS = 60


def openid_configuration(issuer: str) -> dict[str, object]:
    return {
        "issuer": issuer,
        "jwks_uri": f"{issuer}/jwks.json",
        "authorization_endpoint": f"{issuer}/authorize",
        "token_endpoint": f"{issuer}/token",
        "id_token_signing_alg_values_supported": ["ES256"],
        "subject_types_supported": ["public"],
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["none"],
        "scopes_supported": ["openid", "profile"],
    }


def subject_for(name: str, role: Role) -> str:
    """The same name and role log in to the same (development) account."""
    digest = hashlib.sha256(f"{role.value}:{name.strip().casefold()}".encode()).hexdigest()
    return f"dev-{role.value}-{digest[:16]}"


def pkce_matches(verifier: str, challenge: str) -> bool:
    """RFC 7636 S256: the verifier (43–128 unreserved characters) hashes to the challenge."""
    if not 43 <= len(verifier) <= 128:
        return False
    return hmac.compare_digest(create_s256_code_challenge(verifier), challenge)


def issue_token(
    data_dir: Path,
    *,
    issuer: str,
    audience: str,
    role: Role,
    subject: str | None = None,
    municipality: str | None = None,
    partner: str | None = None,
    name: str | None = None,
    nonce: str | None = None,
    ttl_seconds: int = 8 * 3600,
) -> str:
    key = load_or_create_key(data_dir)
    now = int(time.time())
    claims: dict[str, object] = {
        "iss": issuer,
        "aud": audience,
        "sub": subject or f"dev-{role.value}-{uuid.uuid4().hex[:8]}",
        "iat": now,
        "exp": now + ttl_seconds,
        "roles": [role.value],
    }
    if municipality:
        claims["municipality"] = municipality
    if partner:
        claims["partner"] = partner
    if name:
        claims["name"] = name
    if nonce:
        claims["nonce"] = nonce
    return jwt.encode({"alg": "ES256", "kid": key.kid}, claims, key)
