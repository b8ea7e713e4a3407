"""An alert its channels did not deliver (the forum down through a deploy) goes to the
rule's fallback channel after fallback_after_minutes, once, saying so; the fallback channel
hears of the resolution too. An alert that got through goes nowhere else."""

from __future__ import annotations

from typing import Any

from forumkit.outbox.worker import deliver_due
from forumkit.plugin import JobContext
from forumkit.plugins.unanswered.jobs import send_fallbacks
from tests.plugins.unanswered.support import advance, alerts, configure, post_created, reply
from tests.support.receiver import Receiver, running
from tests.support.world import World


def _settings(hook_url: str) -> dict[str, Any]:
    return {"channels": {"moderators": {"kind": "adapter"},
                         "oncall": {"kind": "webhook", "url": hook_url, "secret": "whsec_"
                                    "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}},
            "rule": {"peer_window_minutes": 60, "channels": ["moderators"],
                     "escalation": [{"after_minutes": 600, "channels": ["moderators"]}],
                     "fallback_channel": "oncall", "fallback_after_minutes": 10}}


def _tick(world: World, minutes: float) -> None:
    advance(world, minutes=minutes)
    services = world.services
    send_fallbacks(JobContext(engine=services.engine, now=services.clock.now(), app=services,
                              plugin="unanswered"))
    deliver_due(services)


def _forum_at(world: World, url: str) -> None:
    response = world.client.patch("/v1/forums/calm", json={"adapter_settings": {
        "callback_url": url}}, headers=world.auth("calm:admin"))
    assert response.status_code == 200, response.text


def test_an_alert_the_forum_could_not_take_goes_to_the_fallback_and_hears_the_answer(
    world: World,
) -> None:
    with running(Receiver(default=503)) as forum, running(Receiver()) as oncall:
        configure(world, _settings(oncall.url))
        _forum_at(world, forum.url)
        world.send([post_created("e1", "p1", url="https://forum.example/t/1/1")])
        _tick(world, 60)  # fires; the forum answers 503
        _tick(world, 5)
        assert oncall.received == []  # not yet: the forum may still take it
        _tick(world, 6)
        [fired] = oncall.wait_for(1)
        body = fired.json()
        assert body["type"] == "alert.fired"
        assert body["data"]["title"] == "Unanswered for 1 h 11 min: Can't sleep"
        assert body["data"]["text"].endswith(
            "Sent here too: its own channels had not delivered it after 10 min.")
        _tick(world, 5)
        assert len(oncall.received) == 1  # once
        [alert] = alerts(world)
        alert = world.client.get(f"/v1/forums/calm/alerts/{alert['id']}",
                                 headers=world.auth("calm:moderator")).json()
        assert [(s["action"], s["note"]) for s in alert["steps"]] == [
            ("fired", None), ("fallback", "oncall")]
        world.send([reply("e2", "p2", at="2026-01-05T04:30:00Z")])
        deliver_due(world.services)
        resolved = oncall.wait_for(2)[1].json()
        assert resolved["type"] == "alert.resolved"


def test_an_alert_its_channel_delivered_goes_nowhere_else(world: World) -> None:
    with running(Receiver()) as forum, running(Receiver()) as oncall:
        configure(world, _settings(oncall.url))
        _forum_at(world, forum.url)
        world.send([post_created("e1", "p1")])
        _tick(world, 60)
        forum.wait_for(1)
        _tick(world, 20)
        assert oncall.received == []


def test_a_fallback_must_name_a_channel(world: World) -> None:
    settings = _settings("https://alerts.example/in")
    settings["rule"]["fallback_channel"] = "pager"
    response = world.client.put("/v1/forums/calm/plugins/unanswered",
                                json={"enabled": True, "settings": settings},
                                headers=world.auth("calm:admin"))
    assert response.status_code == 422
    assert "no channel called pager" in response.text
