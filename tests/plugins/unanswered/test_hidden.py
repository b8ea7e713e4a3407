"""A post a moderator hid answers nothing until it is shown again; a hidden watched post
stops being watched like a deleted one, and is watched again when shown."""

from __future__ import annotations

from typing import Any

from tests.plugins.unanswered.support import advance, alerts, configure, post_created, reply
from tests.support.world import World

RULE = {"rule": {"peer_window_minutes": 60, "escalation": []}}


def _moderated(event_id: str, kind: str, post_id: str, at: str) -> dict[str, Any]:
    return {"id": event_id, "type": f"post.{kind}", "occurred_at": at,
            "post": {"id": post_id, "reason": "off_topic", "text": "Please keep to the topic"}}


def test_a_reply_hidden_in_its_batch_does_not_answer(world: World) -> None:
    configure(world, RULE)
    world.send([post_created("e1", "p1"), reply("e2", "p2"),
                _moderated("e3", "hidden", "p2", "2026-01-05T02:45:00Z")])
    advance(world, minutes=61)
    assert [a["post_id"] for a in alerts(world)] == ["p1"]


def test_a_reply_hidden_after_it_answered_leaves_the_post_waiting_until_shown(
    world: World,
) -> None:
    configure(world, RULE)
    world.send([post_created("e1", "p1"), reply("e2", "p2")])
    world.send([_moderated("e3", "hidden", "p2", "2026-01-05T02:50:00Z")])
    advance(world, minutes=61)
    [alert] = alerts(world)
    assert alert["post_id"] == "p1"
    world.send([_moderated("e4", "unhidden", "p2", "2026-01-05T03:20:00Z")])
    assert alerts(world) == []
    [resolved] = alerts(world, state="all")
    assert resolved["resolution"] == "answered"


def test_an_unhiding_older_than_the_hiding_changes_nothing(world: World) -> None:
    configure(world, RULE)
    world.send([post_created("e1", "p1"), reply("e2", "p2"),
                _moderated("e3", "hidden", "p2", "2026-01-05T02:50:00Z")])
    world.send([_moderated("e4", "unhidden", "p2", "2026-01-05T02:45:00Z")])
    advance(world, minutes=61)
    assert [a["post_id"] for a in alerts(world)] == ["p1"]


def test_a_hidden_watched_post_resolves_its_alert_and_is_watched_again_when_shown(
    world: World,
) -> None:
    configure(world, {"rule": {"peer_window_minutes": 60, "escalation": [
        {"after_minutes": 120, "channels": ["moderators"]}]}})
    world.send([post_created("e1", "p1")])
    advance(world, minutes=61)
    world.send([_moderated("e2", "hidden", "p1", "2026-01-05T03:20:00Z")])
    assert alerts(world) == []
    [resolved] = alerts(world, state="all")
    assert resolved["resolution"] == "hidden"
    advance(world, minutes=60)
    assert alerts(world) == []  # no escalation while hidden
    world.send([_moderated("e3", "unhidden", "p1", "2026-01-05T04:15:00Z")])
    advance(world, minutes=1)
    [escalated] = alerts(world)
    assert escalated["post_id"] == "p1" and escalated["tier"] == 2
