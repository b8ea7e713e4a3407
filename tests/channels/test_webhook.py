"""The webhook channel: alerts from the outbox to a real local HTTP receiver, signed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from standardwebhooks import Webhook, WebhookVerificationError

from forumkit import signing
from forumkit.adapter import SignatureError
from forumkit.outbox.worker import deliver_due
from tests.support.alerts import message, outbox, queue_alert
from tests.support.receiver import Receiver, running
from tests.support.world import World

SECRET = signing.new_secret()


def _to(receiver: Receiver, secret: str = SECRET) -> dict[str, str]:
    return {"url": receiver.url + "/alerts", "secret": secret}


def test_alert_arrives_as_json_signed_with_the_targets_secret(world: World, clock) -> None:
    with running(Receiver()) as receiver:
        queue_alert(world, "webhook", _to(receiver))
        assert deliver_due(world.services) == 1
        [request] = receiver.received
    [item] = outbox(world)
    assert item["status"] == "delivered"
    assert item["channel"] == "webhook"
    assert item["kind"] == "alert"
    assert request.path == "/alerts"
    assert request.headers["content-type"] == "application/json"
    assert request.headers["webhook-id"] == item["id"]
    msg_id = signing.verify(secret=SECRET, headers=request.headers, body=request.body,
                            now=clock.now())
    assert msg_id == item["id"]
    body = request.json()
    assert body["id"] == item["id"]
    assert body["type"] == "alert.fired"
    assert body["forum"] == "calm"
    assert body["attempt"] == 1
    assert body["data"] == {
        "title": "A first post has waited 24 hours for a reply",
        "text": "\"Can't sleep\" in Night owls has no reply yet.",
        "url": "https://forum.example/t/cant-sleep/17",
        "fields": {"Subforum": "Night owls", "Waiting": "24 hours", "First post": True},
    }


def test_the_alert_verifies_with_the_standardwebhooks_package(world: World, clock) -> None:
    clock.set(datetime.now(UTC))  # the package checks the timestamp against the wall clock
    with running(Receiver()) as receiver:
        queue_alert(world, "webhook", _to(receiver))
        assert deliver_due(world.services) == 1
        [request] = receiver.received
    alert = Webhook(SECRET).verify(request.body, request.headers)
    assert alert["type"] == "alert.fired"
    assert alert["data"]["title"] == "A first post has waited 24 hours for a reply"
    with pytest.raises(WebhookVerificationError):
        Webhook(signing.new_secret()).verify(request.body, request.headers)


def test_a_receiver_with_another_secret_cannot_verify_the_alert(world: World, clock) -> None:
    with running(Receiver()) as receiver:
        queue_alert(world, "webhook", _to(receiver))
        deliver_due(world.services)
        [request] = receiver.received
    with pytest.raises(SignatureError, match="does not match"):
        signing.verify(secret=signing.new_secret(), headers=request.headers,
                       body=request.body, now=clock.now())


def test_resolved_and_test_alerts_carry_their_event_as_the_type(world: World) -> None:
    with running(Receiver()) as receiver:
        queue_alert(world, "webhook", _to(receiver), message(event="alert.resolved"))
        queue_alert(world, "webhook", _to(receiver), message(event="alert.test", url=None))
        assert deliver_due(world.services) == 2
        bodies = [r.json() for r in receiver.received]
    assert sorted(b["type"] for b in bodies) == ["alert.resolved", "alert.test"]
    assert {b["data"]["url"] for b in bodies} == {"https://forum.example/t/cant-sleep/17", None}


def test_a_server_error_is_retried_and_the_alert_arrives_once(world: World, clock) -> None:
    with running(Receiver(script=[(500, {})])) as receiver:
        queue_alert(world, "webhook", _to(receiver))
        assert deliver_due(world.services) == 1
        [item] = outbox(world)
        assert (item["status"], item["last_error"]) == ("pending", "HTTP 500")
        assert deliver_due(world.services) == 0, "held back by the backoff"
        clock.advance(timedelta(minutes=5))
        assert deliver_due(world.services) == 1
        clock.advance(timedelta(hours=1))
        assert deliver_due(world.services) == 0, "nothing left to send"
        received = list(receiver.received)
    assert len(received) == 2
    assert {r.headers["webhook-id"] for r in received} == {item["id"]}
    assert [r.json()["attempt"] for r in received] == [1, 2]
    # The retry is signed afresh, at the time it is sent.
    assert signing.verify(secret=SECRET, headers=received[1].headers, body=received[1].body,
                          now=clock.now() - timedelta(hours=1))
    [item] = outbox(world)
    assert (item["status"], item["attempts"], item["last_error"]) == ("delivered", 2, None)


def test_retry_after_from_the_receiver_is_waited_out(world: World, clock) -> None:
    with running(Receiver(script=[(429, {"Retry-After": "600"})])) as receiver:
        queue_alert(world, "webhook", _to(receiver))
        deliver_due(world.services)
        clock.advance(timedelta(minutes=9))
        assert deliver_due(world.services) == 0
        clock.advance(timedelta(minutes=2))
        assert deliver_due(world.services) == 1
        assert len(receiver.received) == 2
    assert [i["status"] for i in outbox(world)] == ["delivered"]


def test_a_refusal_goes_dead_with_the_status_shown_to_admins(world: World, clock) -> None:
    with running(Receiver(default=404)) as receiver:
        queue_alert(world, "webhook", _to(receiver))
        deliver_due(world.services)
        clock.advance(timedelta(hours=2))
        assert deliver_due(world.services) == 0
        assert len(receiver.received) == 1
    [dead] = outbox(world, "dead")
    assert dead["last_error"] == "HTTP 404; a permanent failure, not retried"


@pytest.mark.parametrize(
    ("to", "problem"),
    [
        ({"secret": SECRET}, "to.url: missing"),
        ({"url": "hooks.example.org/x", "secret": SECRET}, "to.url: Input should be a valid URL"),
        ({"url": "ftp://hooks.example.org/x", "secret": SECRET}, "to.url: URL scheme"),
        ({"url": "https://hooks.example.org/x"}, "to.secret: missing"),
        (None, "to: missing"),
    ],
)
def test_a_bad_target_fails_for_good_without_echoing_it(
    world: World, clock, to: dict | None, problem: str
) -> None:
    queue_alert(world, "webhook", to)  # type: ignore[arg-type]
    deliver_due(world.services)
    clock.advance(timedelta(hours=2))
    assert deliver_due(world.services) == 0
    [dead] = outbox(world, "dead")
    assert dead["attempts"] == 1
    assert dead["last_error"].startswith("webhook alert not sent: ")
    assert problem in dead["last_error"]
    assert "not retried" in dead["last_error"]
    assert SECRET not in dead["last_error"]
    assert "hooks.example.org" not in dead["last_error"]


def test_a_message_without_a_title_fails_for_good(world: World) -> None:
    with running(Receiver()) as receiver:
        queue_alert(world, "webhook", _to(receiver), message(title="  \n "))
        deliver_due(world.services)
        assert receiver.received == []
    [dead] = outbox(world, "dead")
    assert "message.title: is blank" in dead["last_error"]


def test_an_unreachable_receiver_is_retried(world: World) -> None:
    queue_alert(world, "webhook", {"url": "http://127.0.0.1:9/alerts", "secret": SECRET})
    deliver_due(world.services)
    [item] = outbox(world)
    assert (item["status"], item["last_error"]) == ("pending", "ConnectError")
