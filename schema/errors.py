"""Errors as data: every mutation answers with a union of its success type and these.

Each error carries a stable `code` for programs and a Dutch (B1) `message` for people.
"""

from __future__ import annotations

from enum import StrEnum

import strawberry


@strawberry.enum
class ErrorCode(StrEnum):
    INVALID_INPUT = "INVALID_INPUT"
    REQUIRED = "REQUIRED"
    TOO_SHORT = "TOO_SHORT"
    TOO_LONG = "TOO_LONG"
    INVALID_VALUE = "INVALID_VALUE"
    INVALID_MUNICIPALITY = "INVALID_MUNICIPALITY"
    DATE_IN_FUTURE = "DATE_IN_FUTURE"
    INVALID_RECEIPT = "INVALID_RECEIPT"
    NOT_FOUND = "NOT_FOUND"
    THROTTLED = "THROTTLED"
    NOT_A_FRAUD_HOTLINE = "NOT_A_FRAUD_HOTLINE"
    INVALID_STATE = "INVALID_STATE"
    FOUR_EYES_REQUIRED = "FOUR_EYES_REQUIRED"
    NOT_ALLOWED = "NOT_ALLOWED"
    TEMPORARILY_UNAVAILABLE = "TEMPORARILY_UNAVAILABLE"


@strawberry.interface(description="Iets ging mis; `code` is vast, `message` is voor mensen.")
class Error:
    code: ErrorCode
    message: str


@strawberry.type
class FieldError:
    field: str | None
    code: ErrorCode
    message: str


@strawberry.type(description="De invoer klopt niet; per veld staat wat er mis is.")
class InvalidInput(Error):
    errors: list[FieldError]


@strawberry.type
class NotFound(Error):
    pass


@strawberry.type(description="Te veel pogingen; probeer het later opnieuw.")
class Throttled(Error):
    retry_after_seconds: int


@strawberry.type(description="Dit signaal nemen we niet aan; `message` legt uit waarom.")
class ReportRefused(Error):
    pass


@strawberry.type(description="Deze stap past niet bij de huidige toestand.")
class InvalidState(Error):
    pass


@strawberry.type(description="Deze stap moet door een tweede medewerker gebeuren (vier ogen).")
class FourEyesRequired(Error):
    pass


@strawberry.type
class NotAllowed(Error):
    pass


@strawberry.type
class TemporarilyUnavailable(Error):
    pass


class InputErrors:
    """Collects field errors while validating an input, in order."""

    def __init__(self) -> None:
        self.items: list[FieldError] = []

    def add(self, field: str | None, code: ErrorCode, message: str) -> None:
        self.items.append(FieldError(field=field, code=code, message=message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def result(self) -> InvalidInput:
        return InvalidInput(
            code=ErrorCode.INVALID_INPUT,
            message="Niet alles is goed ingevuld. Kijk bij de velden wat er mis is.",
            errors=self.items,
        )


def not_found(what: str = "Dit") -> NotFound:
    return NotFound(code=ErrorCode.NOT_FOUND, message=f"{what} is niet gevonden.")


def invalid_state(message: str) -> InvalidState:
    return InvalidState(code=ErrorCode.INVALID_STATE, message=message)
