"""Authentication and roles on the WebSocket (graphql-transport-ws) of a real server."""

from __future__ import annotations

import pytest
from websockets.exceptions import ConnectionClosed

from frontend_contract import operation
from tests.api.test_auth import _role_tokens, invalid_tokens
from tests.stack import Stack
from tests.ws import Subscription


def test_a_refused_subscription_carries_the_forbidden_code(stack: Stack) -> None:
    with Subscription(stack.api.base_url, stack.token("resident")) as subscription:
        subscription.subscribe(operation("ThemeUpdates"), {})
        message = subscription.next_message(timeout=10)
        code = (message["payload"][0].get("extensions") or {}).get("code")
        assert code == "FORBIDDEN", message


# --- (g): the WebSocket ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["none", "resident", "professional", "partner"])
def test_subscription_without_the_role_is_refused(stack: Stack, role: str) -> None:
    token = _role_tokens(stack, (role,))[role]
    with Subscription(stack.api.base_url, token) as subscription:
        assert subscription.ack["type"] == "connection_ack"
        subscription.subscribe(operation("ThemeUpdates"), {"municipality": "GM0363"})
        message = subscription.next_message(timeout=10)
        assert message["type"] == "error", message
        assert message["id"] == subscription.id
        assert message["payload"][0]["path"] == ["themeUpdates"]
        assert "data" not in message["payload"][0]


def test_subscription_with_the_role_is_accepted(stack: Stack) -> None:
    """The control: a municipality subscribes and gets no error (only updates, later)."""
    gemeente = stack.token("municipality", municipality="GM0363")
    with Subscription(stack.api.base_url, gemeente) as subscription:
        assert subscription.ack["type"] == "connection_ack"
        subscription.subscribe(operation("ThemeUpdates"), {"domains": ["JEUGDWET"]})
        with pytest.raises(TimeoutError):
            subscription.next_message(timeout=1.5)


@pytest.mark.parametrize("kind", ["other-key", "expired", "wrong-audience", "garbage"])
def test_websocket_with_an_invalid_token_is_closed_without_ack(stack: Stack, kind: str) -> None:
    token = invalid_tokens(stack)[kind]
    with pytest.raises(ConnectionClosed) as closed:
        Subscription(stack.api.base_url, token)
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4403
    assert closed.value.rcvd.reason == "Forbidden"
