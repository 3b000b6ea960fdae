"""Execute a shared subscription event once for all subscribers who asked the same.

graphql-core executes a subscription's selection set for every subscriber and every event.
For a theme change followed by 500 subscribers of one process that was most of the time the
change took to arrive (about 0.3–0.5 ms each on this machine, one after the other). The
event is one object for all of them (`schema.shared_events`); subscribers that sent the same
document (the parser cache hands out one parsed document per text) with the same variables
and the same audiences get the same result, so it is computed once and handed to the rest.
A result with errors is not shared: each subscriber's own execution reports them.
"""

from __future__ import annotations

import json
from typing import Any

from graphql import ExecutionResult, OperationType
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from schema.policy import audiences_of
from schema.shared_events import RecentEvents, is_shared_event

# Results of recent events (a few changes × a few distinct subscriptions).
_results: RecentEvents[ExecutionResult] = RecentEvents(keep=64)


def _variables(values: dict[str, Any]) -> str:
    return json.dumps(values, sort_keys=True, default=str)


class SharedEventsExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def execute_operation(self, serially: bool | None = None) -> Any:
        root = self.root_value
        if self.operation.operation is not OperationType.SUBSCRIPTION or not is_shared_event(root):
            return super().execute_operation(serially)
        viewer = getattr(self.context_value, "viewer", None)
        key = (id(self.operation), _variables(self.variable_values.coerced), audiences_of(viewer))
        found = _results.get(root, *key)
        if found is not None:
            return found
        result = super().execute_operation(serially)
        if isinstance(result, ExecutionResult) and not result.errors:
            _results.put(root, result, *key)
        return result
