"""Errors as data: every mutation answers with a union of its success type and these.

Each error carries a stable `code` for programs and a Dutch (B1) `message` for people. They
are the API's face of the domain's exception tree (`domain.errors`); `payload_of` is the one
place where one becomes the other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from domain import errors as domain
from schema.policy import EVERYONE, policy
from vocabulary import ErrorCode as ErrorCodeEnum

if TYPE_CHECKING:
    from vocabulary import ErrorCode
else:
    ErrorCode = strawberry.enum(ErrorCodeEnum, name="ErrorCode")


@policy(EVERYONE)
@strawberry.interface(description="Iets ging mis; `code` is vast, `message` is voor mensen.")
class Error:
    code: ErrorCode
    message: str


@policy(EVERYONE)
@strawberry.type
class FieldError:
    field: str | None
    code: ErrorCode
    message: str


@policy(EVERYONE)
@strawberry.type(
    name="InvalidInput", description="De invoer klopt niet; per veld staat wat er mis is."
)
class InvalidInputError(Error):
    errors: list[FieldError]


@policy(EVERYONE)
@strawberry.type(name="NotFound")
class NotFoundError(Error):
    pass


@policy(EVERYONE)
@strawberry.type(name="Throttled", description="Te veel pogingen; probeer het later opnieuw.")
class ThrottledError(Error):
    retry_after_seconds: int


@policy(EVERYONE)
@strawberry.type(
    name="ReportRefused", description="Dit signaal nemen we niet aan; `message` legt uit waarom."
)
class ReportRefusedError(Error):
    pass


@policy(EVERYONE)
@strawberry.type(name="InvalidState", description="Deze stap past niet bij de huidige toestand.")
class InvalidStateError(Error):
    pass


@policy(EVERYONE)
@strawberry.type(
    name="FourEyesRequired",
    description="Deze stap moet door een tweede medewerker gebeuren (vier ogen).",
)
class FourEyesRequiredError(Error):
    pass


@policy(EVERYONE)
@strawberry.type(name="NotAllowed")
class NotAllowedError(Error):
    pass


@policy(EVERYONE)
@strawberry.type(name="TemporarilyUnavailable")
class TemporarilyUnavailableError(Error):
    pass


@policy(EVERYONE)
@strawberry.type(
    name="CallbackCheckFailed",
    description="De ontvanger slaagde niet voor de callback-controle; `message` zegt waarom.",
)
class CallbackCheckFailedError(Error):
    pass


ERROR_TYPES: list[type] = [
    InvalidInputError,
    NotFoundError,
    ThrottledError,
    ReportRefusedError,
    InvalidStateError,
    FourEyesRequiredError,
    NotAllowedError,
    TemporarilyUnavailableError,
    CallbackCheckFailedError,
]

_SIMPLE: dict[type[domain.DomainError], type[Error]] = {
    domain.NotFound: NotFoundError,
    domain.Refused: ReportRefusedError,
    domain.InvalidState: InvalidStateError,
    domain.FourEyesRequired: FourEyesRequiredError,
    domain.NotAllowed: NotAllowedError,
    domain.TemporarilyUnavailable: TemporarilyUnavailableError,
    domain.CallbackCheckFailed: CallbackCheckFailedError,
}


def payload_of(error: domain.DomainError) -> Error:
    """The GraphQL error type that answers a domain error."""
    if isinstance(error, domain.InvalidInput):
        return InvalidInputError(
            code=error.code,
            message=error.message,
            errors=[
                FieldError(field=p.field, code=p.code, message=p.message) for p in error.problems
            ],
        )
    if isinstance(error, domain.Throttled):
        return ThrottledError(
            code=error.code, message=error.message, retry_after_seconds=error.retry_after_seconds
        )
    for kind in type(error).__mro__:
        if kind in _SIMPLE:
            return _SIMPLE[kind](code=error.code, message=error.message)  # type: ignore[call-arg]
    raise TypeError(f"no payload type for {type(error).__name__}")
