"""Run a resident operation of the client contract in-process, as a trusted document:
the same schema, resolvers, limits and errors-as-data as a call to `/graphql`."""

from __future__ import annotations

import logging
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from auth.roles import Viewer
from frontend_contract import operation
from resolvers.dataloaders import Loaders
from schema.context import Context

log = logging.getLogger(__name__)


class OperationFailed(Exception):
    """The operation did not answer with data (an outage or a bug): the page says 'try
    later', the log has the error codes, never the input."""


async def run(
    request: Request,
    name: str,
    variables: dict[str, Any] | None = None,
    *,
    language: str,
    viewer: Viewer | None = None,
) -> dict[str, Any]:
    """`language` is the page's: the API's own texts (errors, labels, messages) come back in
    it, as they do for a client that sends `Accept-Language`. `viewer` is who is logged in
    (their token was validated as the API validates a bearer token); None: anonymous."""
    schema = request.app.state.schema
    context = Context(
        request=request, response=Response(), services=request.app.state.services,
        loaders=Loaders(), viewer=viewer, language=language,
    )  # fmt: skip
    result = await schema.execute(
        operation(name), variable_values=variables or {}, context_value=context, operation_name=name
    )
    if result.errors or result.data is None:
        codes = [(e.extensions or {}).get("code") for e in result.errors or []]
        log.warning("web page operation %s failed: %s", name, codes)
        raise OperationFailed(name)
    return result.data
