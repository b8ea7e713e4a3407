"""A destination that keeps failing is paused while others go on; one that answers 410 Gone
is disabled with its deliveries kept until an admin re-enables it; dead deliveries are sent
again in bulk, by destination, channel or time."""

from __future__ import annotations

from datetime import timedelta

from forumkit.outbox.worker import deliver_due
from tests.outbox.slow_receivers import SECRET
from tests.support.alerts import outbox, queue_alert
from tests.support.receiver import Receiver, running
from tests.support.world import World


def _to(receiver: Receiver) -> dict[str, str]:
    return {"url": receiver.url + "/alerts", "secret": SECRET}


def _destinations(world: World, forum: str = "calm") -> list[dict]:
    response = world.client.get(f"/v1/forums/{forum}/outbox/destinations",
                                headers=world.auth(f"{forum}:admin"))
    assert response.status_code == 200, response.text
    return response.json()


def test_a_failing_destination_is_paused_while_another_goes_on(world: World, clock) -> None:
    settings = world.services.settings
    settings.outbox_breaker_failures = 3
    settings.outbox_breaker_pause_seconds = 60
    settings.outbox_max_attempts = 20
    with running(Receiver(default=500)) as failing, running(Receiver()) as working:
        for _ in range(5):
            queue_alert(world, "webhook", _to(failing))
        deliver_due(world.services)
        tried = len(failing.received)
        assert tried >= 3

        clock.advance(timedelta(seconds=30))  # past every row's backoff, within the pause
        queue_alert(world, "webhook", _to(working))
        deliver_due(world.services)
        assert len(failing.received) == tried, "the paused destination got nothing"
        assert len(working.received) == 1, "the other destination went on"
        [paused] = [d for d in _destinations(world) if d["state"] == "paused"]
        assert paused["label"] == "webhook to 127.0.0.1"
        assert paused["pending"] == 5
        assert "paused until" in paused["notice"] and "Other destinations go on" in (
            paused["notice"])
        notices = {i["notice"] for i in outbox(world, "pending")}
        assert notices == {paused["notice"]}

        clock.advance(timedelta(seconds=61))
        deliver_due(world.services)
        assert len(failing.received) == tried + 1, "after the pause: one probe"

        failing.default = 200
        clock.advance(timedelta(minutes=5))
        deliver_due(world.services)
    assert {i["status"] for i in outbox(world)} == {"delivered"}, "a probe that works resumes"
    assert {d["state"] for d in _destinations(world)} == {"active"}


def test_a_410_disables_the_destination_and_keeps_its_backlog(world: World, clock) -> None:
    with running(Receiver(default=410)) as gone, running(Receiver()) as working:
        for _ in range(6):
            queue_alert(world, "webhook", _to(gone))
        queue_alert(world, "webhook", _to(working))
        deliver_due(world.services)
        assert len(working.received) == 1
        asked = len(gone.received)
        assert 1 <= asked <= world.services.settings.outbox_per_destination

        assert outbox(world, "dead") == [], "nothing was dropped"
        [disabled] = [d for d in _destinations(world) if d["state"] == "disabled"]
        assert disabled["pending"] == 6
        assert "410" in disabled["reason"]
        assert "6 waiting deliveries are kept" in disabled["notice"]
        assert all(i["notice"] == disabled["notice"] for i in outbox(world, "pending"))

        clock.advance(timedelta(hours=2))
        deliver_due(world.services)
        assert len(gone.received) == asked, "nothing more is sent to it"

        gone.default = 200  # the admin fixed the receiver
        response = world.client.post(
            f"/v1/forums/calm/outbox/destinations/{disabled['key']}/enable",
            headers=world.auth("calm:admin"))
        assert response.status_code == 200, response.text
        assert response.json()["state"] == "active"
        assert response.json()["notice"] is None
        deliver_due(world.services)
    assert {i["status"] for i in outbox(world)} == {"delivered"}
    assert len({r.json()["id"] for r in gone.received}) == 6


def test_enabling_is_for_the_forums_admins_only(world: World) -> None:
    with running(Receiver(default=410)) as gone:
        queue_alert(world, "webhook", _to(gone))
        deliver_due(world.services)
    [key] = [d["key"] for d in _destinations(world)]
    path = f"/v1/forums/calm/outbox/destinations/{key}/enable"
    assert world.client.post(path, headers=world.auth("calm:moderator")).status_code == 403
    assert world.client.post(path, headers=world.auth("other:admin")).status_code == 404
    assert world.client.post(path.replace(key, "webhook-0"),
                             headers=world.auth("calm:admin")).status_code == 404
    assert [d["state"] for d in _destinations(world)] == ["disabled"]


def _retry(world: World, body: dict, who: str = "calm:admin") -> tuple[int, dict]:
    response = world.client.post("/v1/forums/calm/outbox/retry", json=body,
                                 headers=world.auth(who))
    return response.status_code, response.json()


def test_dead_deliveries_are_retried_in_bulk_by_destination_and_time(
    world: World, clock
) -> None:
    with running(Receiver(default=400)) as first, running(Receiver(default=400)) as second:
        queue_alert(world, "webhook", _to(first))
        queue_alert(world, "webhook", _to(first))
        queue_alert(world, "webhook", _to(second))
        deliver_due(world.services)
        early = clock.now()
        clock.advance(timedelta(hours=1))
        queue_alert(world, "webhook", _to(first))
        deliver_due(world.services)
        assert len(outbox(world, "dead")) == 4
        labels = {d["key"]: d["dead"] for d in _destinations(world)}
        [first_key] = [k for k, dead in labels.items() if dead == 3]

        half_hour = (early + timedelta(minutes=30)).isoformat()
        assert _retry(world, {"destination": first_key, "until": half_hour}) == (
            200, {"retried": 2})
        assert len(outbox(world, "dead")) == 2
        assert _retry(world, {"since": half_hour}) == (200, {"retried": 1})
        assert _retry(world, {"channel": "slack"}) == (200, {"retried": 0})
        assert _retry(world, {"until": early.isoformat(), "since": half_hour})[0] == 422
        assert _retry(world, {}, who="calm:moderator")[0] == 403
        assert outbox(world, "dead")[0]["destination"] != first_key, "the other is still dead"
        assert _retry(world, {}) == (200, {"retried": 1})

        first.default = second.default = 200
        deliver_due(world.services)
    assert {i["status"] for i in outbox(world)} == {"delivered"}
    audit = world.client.get("/v1/forums/calm/audit", headers=world.auth("calm:admin")).json()
    assert [e["subject"] for e in audit if e["action"] == "outbox.retry_matching"] == [
        "1 deliveries", "0 deliveries", "1 deliveries", "2 deliveries"]


def test_bulk_retry_leaves_other_forums_alone(world: World) -> None:
    with running(Receiver(default=400)) as receiver:
        queue_alert(world, "webhook", _to(receiver), forum="other")
        deliver_due(world.services)
    assert _retry(world, {}) == (200, {"retried": 0})
    assert len(outbox(world, "dead", forum="other")) == 1
    response = world.client.post("/v1/forums/other/outbox/retry", json={},
                                 headers=world.auth("calm:admin"))
    assert response.status_code == 404
