"""Peer windows per subforum, new members' windows, escalation, what counts as an answer,
and the posts that are never watched."""

from __future__ import annotations

from datetime import timedelta

from forumkit.clock import FrozenClock
from tests.plugins.unanswered.support import (
    advance,
    alert_actions,
    alerts,
    configure,
    fields,
    post_created,
    reply,
)
from tests.support.world import World

CRISIS = {
    "rule": {"peer_window_minutes": 240, "new_member_window_minutes": 60,
             "escalation": [{"after_minutes": 720, "channels": ["moderators"]}]},
    "categories": {"c-crisis": {"peer_window_minutes": 30, "new_member_window_minutes": 15,
                                "escalation": [{"after_minutes": 90,
                                                "channels": ["moderators"]}]}},
    "new_member_posts": 0,
}


def test_no_alert_inside_the_peer_window_then_one_when_it_ends(world: World) -> None:
    configure(world, CRISIS)
    world.send([post_created("e1", "p1", category_id="c-general")])
    advance(world, minutes=239)
    assert alerts(world) == []
    assert alert_actions(world) == []
    advance(world, minutes=1)
    [alert] = alerts(world)
    assert alert["post_id"] == "p1" and alert["tier"] == 1 and alert["state"] == "open"
    assert alert["due_at"].startswith("2026-01-05T06:10:00")
    [action] = alert_actions(world)
    assert action.kind == "notify_moderators" and action.channel == "adapter"
    assert action.payload["post_id"] == "p1"
    assert "Unanswered for 4 h: Can't sleep" in action.payload["text"]
    assert fields(action)["subforum"] == "c-general"
    assert fields(action)["waited"] == "4 h"


def test_crisis_subforum_has_its_own_shorter_window(world: World) -> None:
    configure(world, CRISIS)
    world.send([post_created("e1", "p1", category_id="c-crisis"),
                post_created("e2", "p2", thread="t2", author="u43", category_id="c-general")])
    advance(world, minutes=30)
    assert [a["post_id"] for a in alerts(world)] == ["p1"]
    assert alerts(world)[0]["category"] == "c-crisis"


def test_new_members_first_post_has_the_shorter_window_and_is_flagged(world: World) -> None:
    configure(world, {**CRISIS, "new_member_posts": 1})
    world.send([
        post_created("e0", "p0", thread="t0", author="u9", at="2026-01-05T02:00:00Z"),
        reply("e00", "p00", thread="t0", author="u8", at="2026-01-05T02:01:00Z"),
        post_created("e1", "p1", author="u9", category_id="c-general"),  # u9's second post
        post_created("e2", "p2", thread="t2", author="u50", category_id="c-general"),
    ])
    advance(world, minutes=60)
    [alert] = alerts(world)
    assert alert["post_id"] == "p2" and alert["new_member"] is True
    [action] = alert_actions(world)
    assert "New member: welcome them." in action.payload["text"]
    assert alerts(world, new_member=False) == []


def test_escalation_fires_tier_two_and_supersedes_tier_one(world: World) -> None:
    configure(world, CRISIS)
    world.send([post_created("e1", "p1", category_id="c-crisis")])
    advance(world, minutes=30)
    advance(world, minutes=59)
    assert [a["tier"] for a in alerts(world)] == [1]
    advance(world, minutes=1)
    [open_alert] = alerts(world)
    assert open_alert["tier"] == 2
    escalated = alerts(world, state="resolved")
    assert [(a["tier"], a["resolution"]) for a in escalated] == [(1, "escalated")]
    texts = [a.payload["text"] for a in alert_actions(world)]
    assert "Still unanswered after 1 h 30 min (tier 2)" in texts[-1]
    advance(world, days=3)
    assert len(alert_actions(world)) == 2, "no tier 3 in this rule"


def test_claimed_alert_does_not_escalate(world: World) -> None:
    configure(world, CRISIS)
    world.send([post_created("e1", "p1", category_id="c-crisis")])
    advance(world, minutes=30)
    [alert] = alerts(world)
    claimed = world.client.post(f"/v1/forums/calm/alerts/{alert['id']}/claim",
                                headers=world.auth("calm:moderator"))
    assert claimed.status_code == 200
    advance(world, hours=5)
    assert [(a["tier"], a["state"]) for a in alerts(world)] == [(1, "claimed")]
    assert len(alert_actions(world)) == 1


def test_reply_by_someone_else_resolves_and_moderators_are_told(world: World) -> None:
    configure(world, CRISIS)
    world.send([post_created("e1", "p1", category_id="c-crisis")])
    advance(world, minutes=31)
    assert len(alerts(world)) == 1
    world.send([reply("e2", "p2", author="u7", at="2026-01-05T02:45:00Z")])
    assert alerts(world) == []
    [resolved] = alerts(world, state="resolved")
    assert resolved["resolution"] == "answered"
    [told] = alert_actions(world, "alert.resolved")
    assert "It has been answered." in told.payload["text"]
    advance(world, hours=3)
    assert len(alert_actions(world, "alert.fired")) == 1, "no escalation after the answer"


def test_the_authors_follow_up_restarts_the_deadline_from_their_latest_post(
    world: World,
) -> None:
    configure(world, CRISIS)
    world.send([post_created("e1", "p1", category_id="c-crisis"),
                reply("e2", "p2", author="u42", at="2026-01-05T02:20:00Z")])
    advance(world, minutes=30)  # 02:40: thirty minutes after the first post, ten after the second
    assert alerts(world) == []
    advance(world, minutes=10)
    [alert] = alerts(world)
    assert alert["post_id"] == "p2" and alert["tier"] == 1
    world.send([reply("e3", "p3", author="u7", at="2026-01-05T02:55:00Z")])
    assert alerts(world) == [], "an answer by someone else answers the follow-up too"


def test_a_follow_up_in_a_thread_no_longer_watched_is_watched_again(world: World) -> None:
    configure(world, {**CRISIS, "stale_after_days": 1})
    world.send([post_created("e1", "p1", category_id="c-crisis", at="2026-01-02T09:00:00Z")])
    advance(world, hours=2)
    assert alerts(world, state="all") == []  # too old to watch when it arrived
    world.send([reply("e2", "p2", author="u42", at="2026-01-05T04:00:00Z",
                      body="still struggling, anyone?")])
    advance(world, minutes=30)
    assert [a["post_id"] for a in alerts(world)] == ["p2"]


def test_a_follow_up_after_an_alert_leaves_its_escalation_as_it_was(world: World) -> None:
    configure(world, CRISIS)
    world.send([post_created("e1", "p1", category_id="c-crisis")])
    advance(world, minutes=31)
    world.send([reply("e2", "p2", author="u42", at="2026-01-05T02:45:00Z")])
    advance(world, minutes=60)  # 03:41: the escalation 90 min after the first post is due
    assert [(a["post_id"], a["tier"]) for a in alerts(world)] == [("p1", 2)]


def test_reply_inside_the_window_means_no_alert_at_all(world: World) -> None:
    configure(world, CRISIS)
    world.send([post_created("e1", "p1", category_id="c-crisis"),
                reply("e2", "p2", author="u7", at="2026-01-05T02:20:00Z")])
    advance(world, hours=30)
    assert alerts(world, state="all") == []
    assert alert_actions(world) == []


def test_reaction_does_not_answer_unless_configured(world: World) -> None:
    reaction = {"id": "e2", "type": "reaction.added", "occurred_at": "2026-01-05T02:20:00Z",
                "reaction": {"post_id": "p1", "member_id": "u7", "kind": "hug"}}
    configure(world, CRISIS)
    world.send([post_created("e1", "p1", category_id="c-crisis"), reaction])
    advance(world, minutes=30)
    assert len(alerts(world)) == 1

    configure(world, CRISIS | {"reactions_answer": True}, forum="other")
    world.send([post_created("e1", "p1", category_id="c-crisis"), reaction], forum="other")
    advance(world, minutes=30)
    assert alerts(world, forum="other", state="all") == []


def test_reply_that_arrives_before_the_post_still_counts(world: World) -> None:
    configure(world, CRISIS)
    world.send([reply("e2", "p2", author="u7", at="2026-01-05T02:20:00Z"),
                post_created("e1", "p1", category_id="c-crisis")])
    advance(world, hours=2)
    assert alerts(world, state="all") == []


def test_skipped_posts_are_never_alerted(world: World) -> None:
    configure(world, CRISIS)
    world.send([
        post_created("e1", "p1", thread="t1", is_announcement=True),
        post_created("e2", "p2", thread="t2", thread_closed=True),
        post_created("e3", "p3", thread="t3", author="staff3", author_is_staff=True),
        {"id": "e4", "type": "member.created", "occurred_at": "2026-01-05T02:00:00Z",
         "member": {"id": "mod1", "is_staff": True}},
        post_created("e5", "p5", thread="t5", author="mod1"),
        post_created("e6", "p6", thread="t6", author="u60"),
    ])
    advance(world, hours=20)
    assert sorted({a["post_id"] for a in alerts(world, state="all")}) == ["p6"]


def test_thread_locked_after_the_alert_resolves_it(world: World) -> None:
    configure(world, CRISIS)
    world.send([post_created("e1", "p1", category_id="c-crisis")])
    advance(world, minutes=30)
    world.send([{"id": "e2", "type": "post.edited", "occurred_at": "2026-01-05T02:50:00Z",
                 "post": {"id": "p1", "thread_closed": True}}])
    advance(world, hours=2)
    [alert] = alerts(world, state="all")
    assert alert["resolution"] == "skipped"


def test_deleted_post_resolves_its_alert(world: World) -> None:
    configure(world, CRISIS)
    world.send([post_created("e1", "p1", category_id="c-crisis")])
    advance(world, minutes=30)
    world.send([{"id": "e2", "type": "post.deleted", "occurred_at": "2026-01-05T02:50:00Z",
                 "post": {"id": "p1"}}])
    [alert] = alerts(world, state="all")
    assert alert["resolution"] == "deleted"
    advance(world, hours=3)
    assert len(alert_actions(world, "alert.fired")) == 1


def test_each_forum_sees_only_its_alerts(world: World) -> None:
    configure(world, CRISIS)
    world.send([post_created("e1", "p1", category_id="c-crisis")])
    advance(world, minutes=30)
    assert len(alerts(world)) == 1
    response = world.client.get("/v1/forums/calm/alerts", headers=world.auth("other:moderator"))
    assert response.status_code == 404
    assert alerts(world, forum="other") == []


def test_reply_sent_while_the_plugin_was_off_still_counts(world: World) -> None:
    configure(world, CRISIS)
    world.send([post_created("e1", "p1", category_id="c-crisis")])
    world.client.put("/v1/forums/calm/plugins/unanswered", json={"enabled": False},
                     headers=world.auth("calm:admin"))
    world.send([reply("e2", "p2", author="u7", at="2026-01-05T02:20:00Z")])
    world.client.put("/v1/forums/calm/plugins/unanswered", json={"enabled": True},
                     headers=world.auth("calm:admin"))
    advance(world, hours=3)
    assert alerts(world, state="all") == []


def test_who_is_new_goes_by_the_platforms_join_time_then_the_settling_period(
    world: World, clock: FrozenClock,
) -> None:
    configure(world, {**CRISIS, "new_member_posts": 1, "new_member_settling_days": 14})
    world.send([
        {"id": "j1", "type": "member.created", "occurred_at": "2024-03-01T10:00:00Z",
         "member": {"id": "u-veteran"}},
        {"id": "j2", "type": "member.created", "occurred_at": "2026-01-05T02:00:00Z",
         "member": {"id": "u-joined", "joined_at": "2026-01-04T20:00:00Z"}},
        post_created("e1", "p1", thread="t1", author="u-veteran"),
        post_created("e2", "p2", thread="t2", author="u-joined"),
        post_created("e3", "p3", thread="t3", author="u-unknown"),  # no join time sent
    ])
    advance(world, minutes=60)
    assert {a["post_id"]: a["new_member"] for a in alerts(world)} == {"p2": True}
    clock.advance(timedelta(days=20))  # the forum has settled: new faces are new
    world.send([post_created("e4", "p4", thread="t4", author="u-later",
                             at=clock.now().isoformat())])
    advance(world, minutes=60)
    assert [a["new_member"] for a in alerts(world) if a["post_id"] == "p4"] == [True]
