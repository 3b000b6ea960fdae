"""Municipal webhooks, end to end with real HTTP receivers started here: the callback
check's two probes, a theme change delivered with its kenmerken and a valid Standard
Webhooks signature, filters that exclude, a receiver that fails twice and then succeeds,
and a dead letter that pauses the abonnement and is resent."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from standardwebhooks.webhooks import Webhook

from frontend_contract import operation
from signaalpunt.harness import Servers
from tests.stack import Stack, start_process_stack
from tests.support import WebhookReceiver, wait_until

WLZ = [
    "Mijn CAK-bijdrage voor de Wlz is zo hoog sinds mijn man in het verpleeghuis woont dat ik "
    "thuis van 640 euro per maand moet leven. Ik kan de huur bijna niet meer betalen.",
    "Sinds mijn vrouw in het verpleeghuis is opgenomen betalen we een hoge eigen bijdrage aan "
    "het CAK voor de Wlz. Ik houd thuis te weinig over voor huur en boodschappen.",
    "De eigen bijdrage Wlz via het CAK voor mijn moeder in het verpleeghuis laat mijn vader "
    "thuis met te weinig geld achter. Hij kan de vaste lasten niet meer betalen.",
]
GOOD_AUTH = "Bearer gemeente-geheim"


@pytest.fixture(scope="module")
def stack(real_servers: Servers, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with start_process_stack(
        real_servers, tmp_path_factory.mktemp("webhooks"),
        SIGNAALPUNT_WEBHOOK_MAX_ATTEMPTS="3", SIGNAALPUNT_WEBHOOK_BACKOFF_SECONDS="0.3",
        SIGNAALPUNT_WEBHOOK_BACKOFF_FACTOR="2", SIGNAALPUNT_WEBHOOK_TIMEOUT_SECONDS="3",
    ) as found:  # fmt: skip
        yield found


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    found = WebhookReceiver(auth=GOOD_AUTH).start()
    try:
        yield found
    finally:
        found.stop()


def _create(stack: Stack, token: str, url: str, kanalen: list[dict[str, Any]],
            auth: str = GOOD_AUTH, **extra: Any) -> dict[str, Any]:  # fmt: skip
    return stack.api.gql(
        operation("CreateAbonnement"),
        {"input": {"callbackUrl": url, "auth": auth, "kanalen": kanalen, **extra}}, token,
    )["createAbonnement"]  # fmt: skip


def _themas(**filters: str) -> list[dict[str, Any]]:
    return [
        {"naam": "themas", "filters": [{"kenmerk": k, "waarde": v} for k, v in filters.items()]}
    ]


def _deliveries(
    stack: Stack, token: str, abonnement_id: str, status: str | None = None
) -> list[dict[str, Any]]:
    return stack.api.gql(
        operation("NotificationDeliveries"),
        {"abonnementId": abonnement_id, "status": status, "first": 50}, token,
    )["notificationDeliveries"]["nodes"]  # fmt: skip


def _theme_in(stack: Stack, *municipalities: str) -> str:
    """Three reports of one mechanism from three municipalities: one theme touching them."""
    staff = stack.token("staff")
    ids = [
        stack.api.gql(operation("SubmitReport"), {"input": {
            "text": text, "reporterRole": "RESIDENT", "channel": "WEB",
            "municipality": municipality, "domains": ["WLZ"]}})["submitReport"]["reference"]
        for text, municipality in zip(WLZ, municipalities, strict=True)
    ]  # fmt: skip

    def themed() -> str | None:
        found = [stack.api.gql(operation("Report"), {"id": i}, staff)["report"] for i in ids]
        themes = {r["theme"]["id"] for r in found if r["theme"]}
        return themes.pop() if len(themes) == 1 and all(r["theme"] for r in found) else None

    return wait_until(themed, timeout=90)


def test_callback_check_refuses_a_receiver_that_does_not_check_auth(stack: Stack) -> None:
    gm = stack.token("municipality", municipality="GM0363")
    careless = WebhookReceiver(checks_auth=False).start()
    try:
        refused = _create(stack, gm, careless.url, _themas())
        assert refused["__typename"] == "CallbackCheckFailed", refused
        assert refused["code"] == "CALLBACK_CHECK_FAILED" and "zonder auth" in refused["message"]
        # Both probes were sent: with the auth header, and without it.
        probes = [r.headers.get("authorization") for r in careless.requests]
        assert probes == [GOOD_AUTH, None]
        assert all(json.loads(r.body)["kanaal"] == "test" for r in careless.requests)
    finally:
        careless.stop()
    strict = WebhookReceiver(auth="Bearer iets-anders").start()
    try:
        refused = _create(stack, gm, strict.url, _themas())
        assert refused["__typename"] == "CallbackCheckFailed" and "2xx" in refused["message"]
    finally:
        strict.stop()
    assert stack.api.gql(operation("Abonnementen"), {}, gm)["abonnementen"]["nodes"] == []


def test_bad_input_is_answered_per_field(stack: Stack, receiver: WebhookReceiver) -> None:
    gm = stack.token("municipality", municipality="GM0363")
    other_town = _create(stack, gm, receiver.url, _themas(gemeentecode="GM0518"))
    assert other_town["__typename"] == "InvalidInput"
    assert "eigen gemeente" in other_town["errors"][0]["message"]
    unknown = _create(stack, gm, "ftp://example.org/x",
                      [{"naam": "zaken", "filters": []}, *_themas(kleur="rood")])  # fmt: skip
    assert {e["field"] for e in unknown["errors"]} == {
        "callbackUrl", "kanalen[0].naam", "kanalen[1].filters",
    }  # fmt: skip
    assert receiver.requests == []  # nothing is sent for input that does not pass


def test_theme_changes_reach_matching_abonnementen_signed_and_only_those(
    stack: Stack, receiver: WebhookReceiver
) -> None:
    gm = stack.token("municipality", municipality="GM0363")
    created = _create(stack, gm, receiver.url, _themas(gemeentecode="GM0363"))
    assert created["__typename"] == "AbonnementCreated", created
    secret = created["secret"]
    assert secret.startswith("whsec_") and created["abonnement"]["authHint"] == "Bearer geme…"
    excluded = WebhookReceiver(auth=GOOD_AUTH).start()
    elsewhere = WebhookReceiver(auth=GOOD_AUTH).start()
    try:
        only_destroy = _create(stack, gm, excluded.url, _themas(actie="destroy"))
        assert only_destroy["__typename"] == "AbonnementCreated"
        other = _create(stack, stack.token("municipality", municipality="GM0599"), elsewhere.url,
                        _themas())  # fmt: skip
        assert other["__typename"] == "AbonnementCreated"

        theme_id = _theme_in(stack, "GM0363", "GM0193", "GM0202")
        staff = stack.token("staff")
        stack.api.gql(operation("RenameTheme"),
                      {"input": {"themeId": theme_id, "label": "Eigen bijdrage Wlz thuispartner"}},
                      staff)  # fmt: skip
        messages = wait_until(
            lambda: [m for m in receiver.notifications() if m["actie"] == "update"] and receiver.notifications(),
            timeout=30,
        )  # fmt: skip
        url = f"{stack.env['SIGNAALPUNT_PUBLIC_URL']}/api/themas/{theme_id}"
        assert {m["actie"] for m in messages} <= {"create", "update"}
        update = next(m for m in messages if m["actie"] == "update")
        assert update["kanaal"] == "themas" and update["resource"] == "thema"
        assert update["hoofdObject"] == update["resourceUrl"] == url
        assert update["aanmaakdatum"].endswith("Z")
        assert update["kenmerken"]["gemeentecode"] == "GM0363"
        assert update["kenmerken"]["domein"] == "WLZ" and update["kenmerken"]["actie"] == "update"
        assert all(isinstance(v, str) for v in update["kenmerken"].values())
        # Only aggregates: none of the reports' words travel in a message.
        assert "verpleeghuis" not in json.dumps(messages)

        # The signature verifies with the off-the-shelf library and the abonnement's secret.
        request = next(r for r in receiver.requests if json.loads(r.body).get("actie") == "update")
        verified = Webhook(secret).verify(request.body, {
            k: request.headers[k] for k in ("webhook-id", "webhook-timestamp", "webhook-signature")
        })  # fmt: skip
        assert verified == update
        with pytest.raises(Exception, match=r"(?i)signature"):
            Webhook(secret).verify(request.body.replace(b"GM0363", b"GM0364"), request.headers)

        # resourceUrl: the aggregates, for this municipality's token only.
        resource = httpx.get(url, headers={"Authorization": f"Bearer {gm}"})
        assert resource.status_code == 200 and resource.json()["themeId"] == theme_id
        assert resource.json()["label"] == "Eigen bijdrage Wlz thuispartner"
        assert httpx.get(url).status_code == 401
        stranger = stack.token("municipality", municipality="GM0599")
        assert httpx.get(url, headers={"Authorization": f"Bearer {stranger}"}).status_code == 404

        # The filter on actie excludes, and another municipality's abonnement hears nothing.
        assert excluded.notifications() == [] and elsewhere.notifications() == []
        # The delivery log shows what was sent, attempt by attempt.
        logged = _deliveries(stack, gm, created["abonnement"]["id"])
        assert logged and all(d["status"] == "DELIVERED" for d in logged)
        assert all(d["attemptLog"][0]["statusCode"] == 204 for d in logged)
    finally:
        excluded.stop()
        elsewhere.stop()


def test_a_receiver_that_fails_twice_gets_the_message_on_the_third_attempt(
    stack: Stack, receiver: WebhookReceiver
) -> None:
    gm = stack.token("municipality", municipality="GM0518")
    created = _create(stack, gm, receiver.url, _themas())
    abonnement_id = created["abonnement"]["id"]
    receiver.fail_each = 2
    _theme_in(stack, "GM0518", "GM0307", "GM0014")

    def all_delivered() -> list[dict[str, Any]]:
        logged = _deliveries(stack, gm, abonnement_id)
        return logged if logged and all(d["status"] == "DELIVERED" for d in logged) else []

    delivered = wait_until(all_delivered, timeout=90)
    # Each message failed twice on its own and arrived on its third attempt.
    for delivery in delivered:
        log = delivery["attemptLog"]
        assert [(a["attempt"], a["statusCode"], a["succeeded"]) for a in log] == [
            (1, 503, False), (2, 503, False), (3, 204, True),
        ]  # fmt: skip
        assert log[0]["error"].startswith("HTTP 503") and log[0]["durationMs"] >= 0
    # Every attempt carried the same webhook-id: a receiver can drop repeats.
    ids = {
        r.headers["webhook-id"] for r in receiver.requests if json.loads(r.body)["kanaal"] != "test"
    }
    assert delivered[-1]["id"] in ids
    health = stack.api.gql(operation("Abonnementen"), {}, gm)["abonnementen"]["nodes"][0]["health"]
    assert health["consecutiveFailures"] == 0 and health["lastSuccessAt"]


def test_a_dead_letter_pauses_the_abonnement_and_is_resent(
    stack: Stack, receiver: WebhookReceiver
) -> None:
    gm = stack.token("municipality", municipality="GM0344")
    created = _create(stack, gm, receiver.url, _themas(), cloudEvents=True)
    abonnement_id = created["abonnement"]["id"]
    receiver.down = True
    _theme_in(stack, "GM0344", "GM0150", "GM0153")
    dead = wait_until(lambda: _deliveries(stack, gm, abonnement_id, "DEAD"), timeout=60)
    assert [a["statusCode"] for a in dead[0]["attemptLog"]] == [503, 503, 503]
    listed = stack.api.gql(operation("Abonnementen"), {}, gm)["abonnementen"]["nodes"][0]
    assert listed["status"] == "PAUSED" and "pogingen" in listed["health"]["pausedReason"]
    assert listed["health"]["deadLetters"] >= 1
    # Staff see it too.
    staff = stack.token("staff")
    everyone = stack.api.gql(operation("NotificationDeliveries"), {"status": "DEAD"}, staff)
    assert dead[0]["id"] in {d["id"] for d in everyone["notificationDeliveries"]["nodes"]}
    # Another municipality cannot resend it.
    stranger = stack.token("municipality", municipality="GM0599")
    foreign = stack.api.gql(operation("ResendDelivery"), {"id": dead[0]["id"]}, stranger)
    assert foreign["resendDelivery"]["__typename"] == "NotFound"

    receiver.down = False
    resent = stack.api.gql(operation("ResendDelivery"), {"id": dead[0]["id"]}, gm)["resendDelivery"]
    assert resent["__typename"] == "DeliveryResent" and resent["delivery"]["status"] == "PENDING"
    # Paused: nothing goes out until the abonnement is saved again (and checked again).
    resumed = stack.api.gql(operation("UpdateAbonnement"), {"input": {"id": abonnement_id}}, gm)
    assert resumed["updateAbonnement"]["abonnement"]["status"] == "ACTIVE"
    delivered = wait_until(
        lambda: [d for d in _deliveries(stack, gm, abonnement_id) if d["id"] == dead[0]["id"]
                 and d["status"] == "DELIVERED"],
        timeout=30,
    )  # fmt: skip
    assert [a["attempt"] for a in delivered[0]["attemptLog"]] == [1, 2, 3, 4]
    # A CloudEvents abonnement gets the message wrapped, with the webhook-id as its id.
    event = next(m for m in receiver.notifications() if m.get("id") == dead[0]["id"])
    assert event["specversion"] == "1.0" and event["type"].startswith("nl.overheid.themas.thema.")
    assert event["data"]["kenmerken"]["gemeentecode"] == "GM0344"
    # Resending what arrived is refused; deleting stops everything.
    again = stack.api.gql(operation("ResendDelivery"), {"id": dead[0]["id"]}, gm)
    assert again["resendDelivery"]["__typename"] == "InvalidState"
    gone = stack.api.gql(operation("DeleteAbonnement"), {"id": abonnement_id}, gm)
    assert gone["deleteAbonnement"]["__typename"] == "AbonnementDeleted"
    assert stack.api.gql(operation("Abonnementen"), {}, gm)["abonnementen"]["nodes"] == []
