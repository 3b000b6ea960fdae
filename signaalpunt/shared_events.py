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
from collections import OrderedDict
from typing import Any

from graphql import ExecutionResult, OperationType
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from schema.policy import audiences_of
from schema.shared_events import is_shared_event

KEEP = 64  # results of recent events kept (a few changes × a few distinct subscriptions)
_results: OrderedDict[tuple[Any, ...], tuple[object, ExecutionResult]] = OrderedDict()


def _variables(values: dict[str, Any]) -> str:
    return json.dumps(values, sort_keys=True, default=str)


class SharedEventsExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def execute_operation(self, serially: bool | None = None) -> Any:
        root = self.root_value
        if self.operation.operation is not OperationType.SUBSCRIPTION or not is_shared_event(root):
            return super().execute_operation(serially)
        viewer = getattr(self.context_value, "viewer", None)
        key = (id(root), id(self.operation), _variables(self.variable_values.coerced),
               audiences_of(viewer))  # fmt: skip
        found = _results.get(key)
        if found is not None and found[0] is root:  # the same event, not a reused id
            return found[1]
        result = super().execute_operation(serially)
        if isinstance(result, ExecutionResult) and not result.errors:
            _results[key] = (root, result)
            while len(_results) > KEEP:
                _results.popitem(last=False)
        return result
