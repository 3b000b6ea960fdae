"""One exception hierarchy for authentication; joserfc and HTTP errors are mapped into it."""


class AuthError(Exception):
    """A presented token cannot be accepted. `code` is what the API reports."""

    code = "UNAUTHENTICATED"

    def __init__(self, message: str = "Uw inlogtoken is ongeldig.") -> None:
        super().__init__(message)
        self.message = message


class InvalidToken(AuthError):
    """Malformed token, bad signature, wrong issuer/audience."""


class ExpiredToken(AuthError):
    def __init__(self) -> None:
        super().__init__("Uw inlogtoken is verlopen. Log opnieuw in.")


class UnknownSigningKey(AuthError):
    """The token names a key the issuer does not publish (even after refreshing the key set)."""


class IssuerUnavailable(AuthError):
    code = "AUTH_PROVIDER_UNAVAILABLE"

    def __init__(self) -> None:
        super().__init__("Inloggen lukt nu niet: de inlogdienst is niet bereikbaar.")


class MissingClaim(AuthError):
    """A role that speaks for someone (a municipality, a partner) without saying for whom."""
