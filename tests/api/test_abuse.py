"""Abusive requests are refused, with a code, before they cost anything (`tests/api/abuse.py`
lists them; `bench/abuse.py` times them and measures their memory on a real server)."""

from __future__ import annotations

import pytest

from tests.api.abuse import Abuse, abuses, first_code
from tests.stack import Stack


@pytest.mark.parametrize("abuse", abuses(), ids=lambda a: a.name)
def test_an_abusive_request_is_refused(stack: Stack, abuse: Abuse) -> None:
    response = stack.api.request(
        "POST",
        "/graphql",
        content=abuse.body,
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {stack.token('staff')}",
        },
    )
    assert response.status_code in abuse.statuses, response.text[:300]
    assert first_code(response.text) in abuse.codes, response.text[:300]
    assert "Traceback" not in response.text
