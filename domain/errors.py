"""One exception tree for what can go wrong in the domain, each with a stable code.

Resolvers and jobs raise these; the API maps them once to its payload types (errors as data,
`resolvers.errors`), and a field that cannot return a payload shows them as GraphQL errors
with `extensions.code`. Their messages are written for people (B1, in the language being
spoken: `vocabulary.translations`) and are public: every other exception is masked before it
reaches a client.
"""

from __future__ import annotations

from dataclasses import dataclass

from vocabulary import ErrorCode
from vocabulary.translations import t


class DomainError(Exception):
    """A refusal the client may read: `code` for programs, `message` for people."""

    code: ErrorCode = ErrorCode.INVALID_INPUT
    public = True

    def __init__(self, message: str, *, code: ErrorCode | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class NotFound(DomainError):
    code = ErrorCode.NOT_FOUND

    @classmethod
    def of(cls, what: str = "Dit") -> NotFound:
        """`what` is Dutch ("Dit signaal"); the catalogue has it (callers mark it with `N_`)."""
        return cls(t("{what} is niet gevonden.", what=t(what)))


class InvalidState(DomainError):
    """The step does not fit the current state (the transition tables say which do)."""

    code = ErrorCode.INVALID_STATE


class FourEyesRequired(DomainError):
    code = ErrorCode.FOUR_EYES_REQUIRED


class NotAllowed(DomainError):
    code = ErrorCode.NOT_ALLOWED


class Throttled(DomainError):
    code = ErrorCode.THROTTLED

    def __init__(self, message: str, retry_after_seconds: int) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds


class TemporarilyUnavailable(DomainError):
    code = ErrorCode.TEMPORARILY_UNAVAILABLE

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or t("Dit lukt nu even niet. Probeer het later opnieuw."))


class CallbackCheckFailed(DomainError):
    """A webhook receiver did not pass the callback check; the message says which probe."""

    code = ErrorCode.CALLBACK_CHECK_FAILED


class Refused(DomainError):
    """We do not take this report (e.g. a fraud tip about somebody else); `code` says why."""


@dataclass(frozen=True)
class FieldProblem:
    field: str | None
    code: ErrorCode
    message: str


class InvalidInput(DomainError):
    """The input does not pass its checks; `problems` says per field what is wrong."""

    code = ErrorCode.INVALID_INPUT

    def __init__(
        self,
        problems: list[FieldProblem],
        message: str | None = None,
    ) -> None:
        super().__init__(
            message or t("Niet alles is goed ingevuld. Kijk bij de velden wat er mis is.")
        )
        self.problems = problems

    @classmethod
    def single(cls, field: str | None, code: ErrorCode, message: str) -> InvalidInput:
        """One problem, whose message is the error's message too."""
        return cls([FieldProblem(field, code, message)], message)


class InputErrors:
    """Collects field problems while validating an input, in order."""

    def __init__(self) -> None:
        self.items: list[FieldProblem] = []

    def add(self, field: str | None, code: ErrorCode, message: str) -> None:
        self.items.append(FieldProblem(field, code, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise InvalidInput(self.items)
