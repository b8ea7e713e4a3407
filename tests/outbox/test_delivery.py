"""Outbox delivery through the generic adapter to a real local HTTP receiver."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from forumkit import signing
from forumkit.outbox.worker import Dispatcher, deliver_due
from tests.outbox.slow_receivers import SECRET
from tests.support.alerts import outbox, queue_alert
from tests.support.receiver import Receiver, running
from tests.support.world import World, post_created


def _connect(world: World, url: str) -> None:
    response = world.client.patch(
        "/v1/forums/calm", json={"adapter_settings": {"callback_url": url + "/forumkit"}},
        headers=world.auth("calm:admin"),
    )
    assert response.status_code == 200, response.text


def _outbox(world: World, status: str | None = None) -> list[dict]:
    params = {"status": status} if status else {}
    response = world.client.get(
        "/v1/forums/calm/outbox", params=params, headers=world.auth("calm:admin")
    )
    assert response.status_code == 200
    return response.json()


def test_action_is_delivered_signed_with_a_stable_id(world: World) -> None:
    with running(Receiver()) as receiver:
        _connect(world, receiver.url)
        world.send([post_created("e1", "p1")])
        assert deliver_due(world.services) == 1
        [request] = receiver.received
    assert request.path == "/forumkit"
    body = request.json()
    assert body["type"] == "notify_moderators"
    assert body["forum"] == "calm"
    assert body["data"]["post_id"] == "p1"
    # The forum can check we sent it, with its own copy of the secret.
    msg_id = signing.verify(
        secret=world.secrets["calm"], headers=request.headers, body=request.body,
        now=datetime.now(UTC),
    )
    assert msg_id == body["id"]
    [item] = _outbox(world)
    assert item["status"] == "delivered"
    assert item["id"] == body["id"]


def test_failed_delivery_is_retried_with_backoff_then_succeeds(world: World, clock) -> None:
    with running(Receiver(script=[(500, {}), (503, {})])) as receiver:
        _connect(world, receiver.url)
        world.send([post_created("e1", "p1")])
        assert deliver_due(world.services) == 1
        [item] = _outbox(world)
        assert item["status"] == "pending"
        assert item["last_error"] == "HTTP 500"
        # Not due again straight away: the backoff holds it back.
        assert deliver_due(world.services) == 0
        clock.advance(timedelta(minutes=5))
        assert deliver_due(world.services) == 1
        clock.advance(timedelta(minutes=5))
        assert deliver_due(world.services) == 1
        ids = {r.json()["id"] for r in receiver.received}
    assert len(receiver.received) == 3
    assert len(ids) == 1, "every retry carries the same delivery id"
    [item] = _outbox(world)
    assert item["status"] == "delivered"
    assert item["attempts"] == 3


def test_retry_after_from_the_receiver_is_respected(world: World, clock) -> None:
    with running(Receiver(script=[(429, {"Retry-After": "600"})])) as receiver:
        _connect(world, receiver.url)
        world.send([post_created("e1", "p1")])
        deliver_due(world.services)
        clock.advance(timedelta(minutes=9))
        assert deliver_due(world.services) == 0
        clock.advance(timedelta(minutes=2))
        assert deliver_due(world.services) == 1
    assert [i["status"] for i in _outbox(world)] == ["delivered"]


def test_delivery_is_dead_lettered_after_the_cap_and_can_be_retried(world: World, clock) -> None:
    with running(Receiver(default=500)) as receiver:
        _connect(world, receiver.url)
        world.send([post_created("e1", "p1")])
        for _ in range(10):
            deliver_due(world.services)
            clock.advance(timedelta(hours=2))
        assert len(receiver.received) == 4  # outbox_max_attempts in the test settings
        [dead] = _outbox(world, "dead")
        assert "gave up after 4 of 4 attempts" in dead["last_error"]
        receiver.default = 200
        retried = world.client.post(
            f"/v1/forums/calm/outbox/{dead['id']}/retry", headers=world.auth("calm:admin")
        )
        assert retried.json()["status"] == "pending"
        assert deliver_due(world.services) == 1
    assert [i["status"] for i in _outbox(world)] == ["delivered"]
    audit = world.client.get("/v1/forums/calm/audit", headers=world.auth("calm:admin")).json()
    assert audit[0]["action"] == "outbox.retry"


def test_a_refusal_is_not_retried(world: World) -> None:
    with running(Receiver(default=400)) as receiver:
        _connect(world, receiver.url)
        world.send([post_created("e1", "p1")])
        deliver_due(world.services)
        assert len(receiver.received) == 1
    [dead] = _outbox(world, "dead")
    assert dead["last_error"] == "HTTP 400; a permanent failure, not retried"


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/closed"])
def test_unreachable_receiver_is_retried(world: World, clock, url: str) -> None:
    _connect(world, url.rsplit("/", 1)[0])
    world.send([post_created("e1", "p1")])
    deliver_due(world.services)
    [item] = _outbox(world)
    assert item["status"] == "pending"
    assert item["last_error"] == "ConnectError"


def test_forum_without_callback_dead_letters_with_a_reason(world: World) -> None:
    world.send([post_created("e1", "p1")])
    deliver_due(world.services)
    [dead] = _outbox(world, "dead")
    assert "no callback_url" in dead["last_error"]


def test_an_alert_for_a_channel_not_installed_dead_letters_saying_so(world: World) -> None:
    queue_alert(world, "sms", {"number": "0"}, {"title": "A post is waiting"})
    deliver_due(world.services)
    [dead] = _outbox(world, "dead")
    assert dead["last_error"] == (
        "alert channel 'sms' is not installed; a permanent failure, not retried"
    )


def test_one_pass_delivers_every_due_row_though_each_waits_for_the_one_before(
    world: World, monkeypatch
) -> None:
    """A destination takes one delivery at a time here. While the pass looks for more, the
    one in flight ends: the pass must look again, not stop with rows still due."""
    world.services.settings.outbox_per_destination = 1
    fill = Dispatcher.fill

    def slow_fill(self, limit=None):
        claimed = fill(self, limit)
        if not claimed:  # a busy machine: the pass goes on only after the send in flight ended
            time.sleep(0.3)
        return claimed

    monkeypatch.setattr(Dispatcher, "fill", slow_fill)
    with running(Receiver()) as receiver:
        for _ in range(3):
            queue_alert(world, "webhook", {"url": receiver.url + "/alerts", "secret": SECRET})
        assert deliver_due(world.services) == 3
        assert len(receiver.received) == 3
    assert {item["status"] for item in outbox(world)} == {"delivered"}
