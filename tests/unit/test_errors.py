"""Domain errors become typed payloads in one place; everything else reaches clients masked."""

from __future__ import annotations

import logging

import pytest
from graphql import GraphQLError

from domain import errors
from schema import errors as payloads
from signaalpunt.graphql_schema import should_mask
from vocabulary import ErrorCode


@pytest.mark.parametrize(
    ("error", "payload", "code"),
    [
        (errors.NotFound.of("Dit signaal"), payloads.NotFoundError, ErrorCode.NOT_FOUND),
        (errors.InvalidState("nee"), payloads.InvalidStateError, ErrorCode.INVALID_STATE),
        (errors.FourEyesRequired("collega"), payloads.FourEyesRequiredError, ErrorCode.FOUR_EYES_REQUIRED),
        (errors.NotAllowed("nee"), payloads.NotAllowedError, ErrorCode.NOT_ALLOWED),
        (errors.TemporarilyUnavailable(), payloads.TemporarilyUnavailableError, ErrorCode.TEMPORARILY_UNAVAILABLE),
        (errors.Refused("geen kliklijn", code=ErrorCode.NOT_A_FRAUD_HOTLINE), payloads.ReportRefusedError, ErrorCode.NOT_A_FRAUD_HOTLINE),
        (errors.NotFound("bon", code=ErrorCode.INVALID_RECEIPT), payloads.NotFoundError, ErrorCode.INVALID_RECEIPT),
    ],
)  # fmt: skip
def test_each_domain_error_has_its_payload(
    error: errors.DomainError, payload: type, code: ErrorCode
) -> None:
    answer = payloads.payload_of(error)
    assert isinstance(answer, payload)
    assert answer.code == code and answer.message == error.message


def test_invalid_input_keeps_every_field_problem_in_order() -> None:
    problems = errors.InputErrors()
    problems.add("text", ErrorCode.TOO_SHORT, "Te kort.")
    problems.add("municipality", ErrorCode.INVALID_MUNICIPALITY, "Onbekend.")
    with pytest.raises(errors.InvalidInput) as raised:
        problems.raise_if_any()
    answer = payloads.payload_of(raised.value)
    assert isinstance(answer, payloads.InvalidInputError)
    assert [(e.field, e.code) for e in answer.errors] == [
        ("text", ErrorCode.TOO_SHORT),
        ("municipality", ErrorCode.INVALID_MUNICIPALITY),
    ]


def test_throttled_says_when_to_try_again() -> None:
    answer = payloads.payload_of(errors.Throttled("Te vaak.", retry_after_seconds=90))
    assert isinstance(answer, payloads.ThrottledError) and answer.retry_after_seconds == 90


def _raised(original: Exception) -> GraphQLError:
    return GraphQLError("x", original_error=original)


def test_only_public_errors_reach_clients_unmasked() -> None:
    assert not should_mask(_raised(errors.InvalidState("Deze stap kan niet.")))
    assert not should_mask(GraphQLError("Syntax Error"))  # parse and validation errors
    assert not should_mask(_raised(PermissionError("geen toegang")))
    # A ValueError (or anything unexpected) may carry internals: masked.
    assert should_mask(_raised(ValueError("invalid input syntax for type uuid: 'x'")))
    assert should_mask(_raised(RuntimeError("boom")))


def test_a_clients_bad_request_is_refused_and_not_logged_as_an_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from frontend_contract import operation
    from signaalpunt.graphql_schema import build_schema

    schema = build_schema()
    with caplog.at_level(logging.DEBUG):
        result = schema.execute_sync(
            operation("SubmitReport"),
            {"input": {"text": "x" * 40, "reporterRole": "PROFESSIONAL", "channel": "DESK",
                       "municipality": "GM0363"}},
        )  # fmt: skip
    assert result.errors and "PROFESSIONAL" in result.errors[0].message
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
