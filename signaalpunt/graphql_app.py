"""Strawberry's ASGI app with our context, WebSocket authentication and the local console."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.types import ExecutionResult

from auth.errors import AuthError
from console import graphiql_html
from frontend_contract import client_operations
from resolvers.dataloaders import Loaders
from schema.context import Context
from signaalpunt.bearer_auth import bearer_token
from signaalpunt.graphql_schema import SUGGESTION, request_error_code
from vocabulary.translations import API

GRAPHQL_RESPONSE = "application/graphql-response+json"
REQUEST_ERRORS = frozenset({"GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT"})


def _wants_graphql_response(request: Request | WebSocket) -> bool:
    accept = request.headers.get("accept", "")
    return GRAPHQL_RESPONSE in accept


def _is_subscription(request_data: GraphQLRequestData) -> bool:
    """Whether the operation to run is a subscription (parsed only when the word occurs)."""
    query = request_data.query or ""
    if "subscription" not in query:
        return False
    try:
        document = parse(query)
    except GraphQLError:
        return False  # the parse error is answered as usual
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [
        o for o in operations
        if request_data.operation_name is None or (o.name and o.name.value == request_data.operation_name)
    ]  # fmt: skip
    return len(chosen) == 1 and chosen[0].operation == OperationType.SUBSCRIPTION


class SignaalpuntGraphQL(GraphQL[Context, None]):
    """GraphQL over HTTP as the spec has it: `application/graphql-response+json` when asked
    for (request errors then answer 400, without `data`), `application/json` otherwise;
    every error has a code, and field suggestions stay out of production answers."""

    def __init__(self, *args: Any, production: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.production = production

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        sub_response = await super().get_sub_response(request)
        sub_response.headers["x-graphql-media"] = (
            GRAPHQL_RESPONSE if _wants_graphql_response(request) else "application/json"
        )
        return sub_response

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        for error in result.errors or ():
            extensions = dict(error.extensions or {})
            if "code" not in extensions and (code := request_error_code(error)):
                extensions["code"] = code
            error.extensions = extensions
            if self.production and "Did you mean" in error.message:
                error.message = SUGGESTION.sub("", error.message)
        return await super().process_result(request, result)

    async def execute_single(
        self,
        request: Request,
        request_adapter: Any,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        if _is_subscription(request_data):
            error = GraphQLError(
                "Abonnementen lopen over een WebSocket (graphql-transport-ws) op /graphql, "
                "niet over HTTP.",
                extensions={"code": "SUBSCRIPTION_OVER_HTTP"},
            )
            return ExecutionResult(data=None, errors=[error])
        return await super().execute_single(
            request, request_adapter, sub_response, context, root_value, request_data
        )

    def create_response(
        self, response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse], sub_response: Response
    ) -> Response:
        media = sub_response.headers.get("x-graphql-media", "application/json")
        del sub_response.headers["x-graphql-media"]
        response = super().create_response(response_data, sub_response)
        if media != GRAPHQL_RESPONSE or not isinstance(response_data, dict):
            return response
        errors = response_data.get("errors") or []
        codes = {((e or {}).get("extensions") or {}).get("code") for e in errors}  # type: ignore[union-attr]
        if errors and codes <= REQUEST_ERRORS:
            body = {k: v for k, v in response_data.items() if k != "data"}
            response = super().create_response(body, sub_response)  # type: ignore[arg-type]
            response.status_code = 400
        response.headers["content-type"] = f"{GRAPHQL_RESPONSE}; charset=utf-8"
        return response

    async def get_context(self, request: Any, response: Any) -> Context:
        return Context(
            request=request,
            response=response,
            services=request.app.state.services,
            loaders=Loaders(),
            viewer=request.scope.get("state", {}).get("viewer"),
            language=API.negotiate(request.headers.get("accept-language")),
        )

    async def on_ws_connect(self, context: Context) -> dict[str, object] | None:
        params = context.connection_params or {}
        raw = params.get("Authorization") or params.get("authorization")
        try:
            token = bearer_token(str(raw)) if raw else None
            if token is None:
                return None
            context.viewer = await context.services.tokens.validate(token)
        except AuthError as error:
            raise ConnectionRejectionError(
                {"code": error.code, "message": error.message}
            ) from error
        return None

    async def render_graphql_ide(self, request: Any) -> HTMLResponse:
        return HTMLResponse(graphiql_html(client_operations("staff")))
