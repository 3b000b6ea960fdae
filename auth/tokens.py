"""Validate a bearer JWT from the configured OIDC issuer: signature, issuer, audience, expiry."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from base64 import urlsafe_b64decode
from collections import OrderedDict
from typing import Any

from joserfc import jwt
from joserfc.errors import ExpiredTokenError, JoseError

from auth.errors import ExpiredToken, InvalidToken, UnknownSigningKey
from auth.jwks import JWKSCache, has_kid
from auth.roles import ClaimPaths, Viewer, viewer_from_claims

ALLOWED_ALGORITHMS = ["RS256", "ES256", "PS256"]
# Verified tokens remembered per process (least recently used dropped first).
VERIFIED_TOKENS = 10_000


def _unverified_kid(token: str) -> str | None:
    try:
        header_b64 = token.split(".")[0]
        header = json.loads(urlsafe_b64decode(header_b64 + "=" * (-len(header_b64) % 4)))
    except (ValueError, IndexError) as error:
        raise InvalidToken() from error
    kid = header.get("kid") if isinstance(header, dict) else None
    return str(kid) if kid else None


class TokenValidator:
    def __init__(
        self,
        jwks: JWKSCache,
        *,
        issuer: str,
        audience: str,
        leeway: int = 30,
        claims: ClaimPaths | None = None,
    ) -> None:
        self.jwks = jwks
        self.claims = claims or ClaimPaths()
        self.issuer = issuer
        self.audience = audience
        self.leeway = leeway
        self._verified: OrderedDict[bytes, tuple[Viewer, float]] = OrderedDict()

    async def validate(self, token: str) -> Viewer:
        """The viewer of a valid token. A token verified before is not verified again until
        it expires: its signature cannot change, and its expiry is checked on every use."""
        key = hashlib.sha256(token.encode()).digest()
        known = self._verified.get(key)
        if known is not None:
            viewer, expires = known
            if time.time() <= expires + self.leeway:
                self._verified.move_to_end(key)
                return viewer
            del self._verified[key]
            raise ExpiredToken()
        viewer, expires = await self._verify(token)
        self._verified[key] = (viewer, expires)
        if len(self._verified) > VERIFIED_TOKENS:
            self._verified.popitem(last=False)
        return viewer

    async def _verify(self, token: str) -> tuple[Viewer, float]:
        claims = await self._claims(token, self.audience)
        return viewer_from_claims(claims, self.claims), float(claims["exp"])

    async def check_id_token(self, token: str, *, client_id: str, nonce: str) -> dict[str, Any]:
        """The claims of an ID token from a login: our issuer's signature, the web client as
        audience, and the nonce of this login (a replayed token carries another)."""
        claims = await self._claims(token, client_id)
        if not nonce or not hmac.compare_digest(str(claims.get("nonce") or ""), nonce):
            raise InvalidToken()
        return claims

    async def _claims(self, token: str, audience: str) -> dict[str, Any]:
        kid = _unverified_kid(token)
        keys = await self.jwks.get(kid)
        if kid is not None and not has_kid(keys, kid):
            raise UnknownSigningKey()
        try:
            decoded = jwt.decode(token, keys, algorithms=ALLOWED_ALGORITHMS)
            registry = jwt.JWTClaimsRegistry(
                leeway=self.leeway,
                iss={"essential": True, "value": self.issuer},
                aud={"essential": True, "value": audience},
                exp={"essential": True},
                sub={"essential": True},
            )
            registry.validate(decoded.claims)
        except ExpiredTokenError as error:
            raise ExpiredToken() from error
        except (JoseError, ValueError) as error:
            raise InvalidToken() from error
        return dict(decoded.claims)
