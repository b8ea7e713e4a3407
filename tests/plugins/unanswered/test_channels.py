"""What each channel is given: the forum itself end to end through the generic adapter to a
real receiver, and the outbox rows for webhook, Slack and e-mail; test alerts; excerpts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import text

from forumkit.clock import FrozenClock
from forumkit.db import session_scope
from forumkit.outbox.worker import deliver_due
from tests.plugins.unanswered.support import (
    advance,
    alert_actions,
    alerts,
    configure,
    fields,
    post_created,
    reply,
)
from tests.support.receiver import Receiver, running
from tests.support.world import World

CHANNELS = {
    "moderators": {"kind": "adapter"},
    "hook": {"kind": "webhook", "url": "https://alerts.example/in", "secret": "whsec_abc"},
    "slack": {"kind": "slack", "url": "https://hooks.slack.example/T1/B2"},
    "mail": {"kind": "email", "addresses": ["seniors@charity.example"]},
}
RULE = {"channels": CHANNELS,
        "rule": {"peer_window_minutes": 60, "channels": ["moderators", "hook"],
                 "escalation": [{"after_minutes": 120, "channels": ["slack", "mail"]}]},
        "new_member_posts": 1}


def test_adapter_channel_reaches_the_forum_and_then_hears_it_was_answered(
    world: World
) -> None:
    configure(world, RULE)
    with running(Receiver()) as receiver:
        world.client.patch("/v1/forums/calm",
                           json={"adapter_settings": {"callback_url": receiver.url}},
                           headers=world.auth("calm:admin"))
        world.send([post_created("e1", "p1", category_id="c-anxiety",
                                 url="https://forum.example/t/1/1")])
        advance(world, minutes=60)
        deliver_due(world.services)
        world.send([reply("e2", "p2", at="2026-01-05T03:20:00Z")])
        deliver_due(world.services)
        [fired, resolved] = receiver.wait_for(2)
    body = fired.json()
    assert body["type"] == "notify_moderators"
    data = body["data"]
    assert data["post_id"] == "p1" and data["thread_id"] == "t1"
    assert data["url"] == "https://forum.example/t/1/1"
    assert data["event"] == "alert.fired"
    assert data["title"] == "Unanswered for 1 h: Can't sleep"
    assert data["fields"] | {"alert_id": 0} == {
        "alert_id": 0, "kind": "unanswered", "post_id": "p1", "thread_id": "t1",
        "thread_title": "Can't sleep",
        "subforum": "c-anxiety", "waited_minutes": 60, "waited": "1 h", "tier": 1,
        "new_member": True, "labels": [], "late": False, "out_of_hours": False,
        "due_at": "2026-01-05T03:10:00+00:00",
    }
    assert "New member: welcome them." in data["text"]
    assert "I have not slept" not in fired.body.decode(), "no words of the post by default"
    assert "webhook-signature" in fired.headers
    assert resolved.json()["data"]["event"] == "alert.resolved"
    assert "It has been answered." in resolved.json()["data"]["text"]


def test_other_channels_get_alert_actions_with_their_targets(world: World) -> None:
    configure(world, RULE)
    world.send([post_created("e1", "p1", content_warnings=["self-harm"])])
    advance(world, minutes=60)
    advance(world, minutes=60)
    rows = {(r.channel, fields(r)["tier"]): r for r in alert_actions(world, "alert.fired")}
    assert set(rows) == {("adapter", 1), ("webhook", 1), ("slack", 2), ("email", 2)}
    hook = rows[("webhook", 1)]
    assert hook.kind == "alert"
    assert hook.payload["to"] == {"url": "https://alerts.example/in", "secret": "whsec_abc"}
    message = hook.payload["message"]
    assert set(message) == {"title", "text", "url", "fields", "event"}
    assert message["event"] == "alert.fired"
    assert rows[("slack", 2)].payload["to"] == {"url": "https://hooks.slack.example/T1/B2"}
    assert rows[("email", 2)].payload["to"] == {"addresses": ["seniors@charity.example"]}
    assert rows[("email", 2)].payload["message"]["title"].startswith(
        "Still unanswered after 2 h (tier 2)")


def test_a_test_alert_goes_to_the_chosen_channel(world: World) -> None:
    configure(world, RULE)
    admin = world.auth("calm:admin")
    sent = world.client.post("/v1/forums/calm/alerts/test", json={"channel": "slack"},
                             headers=admin)
    assert sent.status_code == 202 and sent.json() == {"queued": 1}
    with session_scope(world.services.engine) as session:
        row = session.execute(text(
            "SELECT channel, kind FROM outbox WHERE kind = 'alert'")).one()
    assert tuple(row) == ("slack", "alert")
    unknown = world.client.post("/v1/forums/calm/alerts/test", json={"channel": "pager"},
                                headers=admin)
    assert unknown.status_code == 422
    moderator = world.client.post("/v1/forums/calm/alerts/test", json={"channel": "slack"},
                                  headers=world.auth("calm:moderator"))
    assert moderator.status_code == 403


def test_test_alerts_are_limited_to_five_in_ten_minutes(world: World) -> None:
    configure(world, RULE)
    admin = world.auth("calm:admin")

    def send() -> Any:
        return world.client.post("/v1/forums/calm/alerts/test", json={"channel": "slack"},
                                 headers=admin)

    assert [send().status_code for _ in range(5)] == [202] * 5
    refused = send()
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "600"
    assert "at most 5 test alerts in 10 minutes" in refused.json()["detail"]
    clock = world.services.clock
    assert isinstance(clock, FrozenClock)
    clock.advance(timedelta(minutes=10, seconds=1))
    assert send().status_code == 202
    audit = world.client.get("/v1/forums/calm/audit", headers=admin).json()
    assert sum(1 for e in audit if e["action"] == "alert.test") == 6


def test_excerpts_only_when_the_forum_opted_in_and_dropped_when_answered(world: World) -> None:
    configure(world, RULE | {"excerpt_chars": 12})
    world.send([post_created("e1", "p1")])
    advance(world, minutes=60)
    [fired, *_] = alert_actions(world, "alert.fired")
    assert fields(fired)["excerpt"] == "I have not s"
    world.send([reply("e2", "p2", at="2026-01-05T03:20:00Z")])
    with session_scope(world.services.engine) as session:
        kept = session.execute(text("SELECT excerpt FROM unanswered_watch")).scalars().all()
    assert kept == [None]


def test_settings_name_channels_that_exist_and_tiers_in_order(world: World) -> None:
    admin = world.auth("calm:admin")
    unknown = world.client.put("/v1/forums/calm/plugins/unanswered", headers=admin, json={
        "settings": {"rule": {"channels": ["pager"]}}})
    assert unknown.status_code == 422
    assert "no channel called pager" in str(unknown.json()["detail"])
    backwards = world.client.put("/v1/forums/calm/plugins/unanswered", headers=admin, json={
        "settings": {"categories": {"c-crisis": {"peer_window_minutes": 30, "escalation": [
            {"after_minutes": 20, "channels": ["moderators"]}]}}}})
    assert backwards.status_code == 422
    assert "must come after" in str(backwards.json()["detail"])
    bad_zone = world.client.put("/v1/forums/calm/plugins/unanswered", headers=admin, json={
        "settings": {"rota": {"timezone": "Mars/Olympus"}}})
    assert bad_zone.status_code == 422
    no_secret = world.client.put("/v1/forums/calm/plugins/unanswered", headers=admin, json={
        "settings": {"channels": {"hook": {"kind": "webhook", "url": "https://x.example"}}}})
    assert no_secret.status_code == 422


def test_erasing_a_member_removes_their_watched_posts_and_alerts(world: World) -> None:
    configure(world, RULE)
    world.send([post_created("e1", "p1", author="u42")])
    advance(world, minutes=60)
    assert len(alerts(world)) == 1
    erased = world.client.delete("/v1/forums/calm/members/u42",
                                 headers=world.auth("calm:platform"))
    assert erased.status_code in (200, 204), erased.text
    assert alerts(world, state="all") == []
    with session_scope(world.services.engine) as session:
        left = session.execute(text("SELECT count(*) FROM unanswered_watch")).scalar()
    assert left == 0
