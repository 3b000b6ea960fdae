"""The GraphQL schema with its hardening, built once per process from the settings.

strawberry builds extensions from their factories for every request. Validation rules are
therefore made here, once: graphql-core's validation cache keys on the rules, and a rule
class made per request (as `QueryDepthLimiter` does) would never let the cache hit.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator

import strawberry
from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.types import ExecutionContext
from strawberry.utils.logging import StrawberryLogger

from domain.errors import DomainError, TemporarilyUnavailable
from messaging.outages import is_outage
from resolvers.root import Mutation, Query, Subscription
from schema.cost import cost_limit_rule
from schema.errors import ERROR_TYPES
from signaalpunt.settings import Settings
from signaalpunt.shared_events import SharedEventsExecutionContext
from vocabulary.translations import DEFAULT_LANGUAGE, speaking

log = logging.getLogger(__name__)

DEFAULT_DEPTH, DEFAULT_TOKENS, DEFAULT_ALIASES, DEFAULT_COST = 10, 2000, 15, 25_000


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    production = settings.production if settings else False
    depth = settings.max_query_depth if settings else DEFAULT_DEPTH
    tokens = settings.max_tokens if settings else DEFAULT_TOKENS
    aliases = settings.max_aliases if settings else DEFAULT_ALIASES
    rules = [
        *QueryDepthLimiter(max_depth=depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=aliases).validation_rules,
        cost_limit_rule(settings.max_query_cost if settings else DEFAULT_COST),
    ]
    if settings is not None and not settings.introspection_enabled:
        rules.append(NoSchemaIntrospectionCustomRule)
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: AddValidationRules(rules),
        lambda: MaxTokensLimiter(max_token_count=tokens),
        lambda: ParserCache(maxsize=512),
        lambda: ValidationCache(maxsize=512),
        lambda: PublicErrors(should_mask_error=should_mask, suggestions=not production),
        SpeakTheRequestsLanguage,
    ]
    return QuietSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=ERROR_TYPES,
        extensions=extensions,
        execution_context_class=SharedEventsExecutionContext,
    )


class SpeakTheRequestsLanguage(SchemaExtension):
    """Resolvers write reporter-facing texts in the language the request asked for
    (`Context.language`), Dutch when it asked for none we speak; a resolver that knows the
    report's language speaks that inside (`vocabulary.translations.speaking`)."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context.context
        with speaking(getattr(context, "language", None) or DEFAULT_LANGUAGE):
            yield


class QuietSchema(strawberry.Schema):
    """Logs only the errors that are the service's fault. A client's bad request (a value
    outside an enum, a syntax error, a refused domain action) is answered with its code and
    not logged as an ERROR with a traceback: strawberry's default does, for every one."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            if should_mask(error):
                StrawberryLogger.error(error, execution_context)
            else:
                log.debug("client error: %s", error.message)


def should_mask(error: GraphQLError) -> bool:
    """Mask every error that is not public: only domain errors, GraphQL's own errors (parse,
    validation, coercion, limits) and permission refusals reach clients as written."""
    original = error.original_error
    if original is None:
        return False
    if isinstance(original, DomainError):
        return not original.public
    return not isinstance(original, GraphQLError | PermissionError)


SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


def request_error_code(error: GraphQLError) -> str | None:
    """The code of an error graphql-core raised about the request itself, before execution."""
    if error.original_error is not None or error.path:
        return None
    if error.message.startswith("Syntax Error"):
        return "GRAPHQL_PARSE_FAILED"
    if error.message.startswith("Variable '$"):
        return "BAD_USER_INPUT"
    return "GRAPHQL_VALIDATION_FAILED"


class PublicErrors(MaskErrors):
    """Masks what is not public, and gives every error a code in `extensions.code`: domain
    errors theirs, outages TEMPORARILY_UNAVAILABLE, request errors GRAPHQL_PARSE_FAILED,
    GRAPHQL_VALIDATION_FAILED or BAD_USER_INPUT. In production, field-name suggestions
    ("Did you mean …?") are left out: they map the schema for a stranger."""

    def __init__(
        self, should_mask_error: Callable[[GraphQLError], bool], *, suggestions: bool = True
    ) -> None:
        super().__init__(should_mask_error=should_mask_error)
        self.suggestions = suggestions

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        masked = super().anonymise_error(error)
        masked.extensions = {"code": "INTERNAL_SERVER_ERROR"}
        return masked

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        errors = [_unavailable(e) if _outage(e) else e for e in errors]
        processed = super()._process_errors(errors)
        for error in processed:
            original = error.original_error
            extensions = dict(error.extensions or {})
            if isinstance(original, DomainError) and "code" not in extensions:
                extensions["code"] = original.code.value
            elif "code" not in extensions and (code := request_error_code(error)):
                extensions["code"] = code
            error.extensions = extensions
            if not self.suggestions and "Did you mean" in error.message:
                error.message = SUGGESTION.sub("", error.message)
        return processed


def _outage(error: GraphQLError) -> bool:
    return error.original_error is not None and is_outage(error.original_error)


def _unavailable(error: GraphQLError) -> GraphQLError:
    """A field that failed because PostgreSQL or Redis is down: said so, with its code."""
    answer = TemporarilyUnavailable()
    return GraphQLError(
        answer.message,
        error.nodes,
        error.source,
        error.positions,
        error.path,
        answer,
        extensions={"code": answer.code.value},
    )
