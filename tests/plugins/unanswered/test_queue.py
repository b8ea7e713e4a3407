"""The moderator queue: most overdue first, filters, pages, claim, acknowledge, snooze,
resolve with a note; every transition recorded; the care status members see."""

from __future__ import annotations

from forumkit.db import session_scope
from forumkit.forums import repository as forums
from forumkit.mirror import repository as mirror
from forumkit.plugins.unanswered.facets import THREAD_CARE_STATUS
from tests.plugins.unanswered.support import (
    advance,
    alert_actions,
    alerts,
    configure,
    post_created,
    reply,
)
from tests.support.pages import sign_in
from tests.support.world import World

RULE = {"rule": {"peer_window_minutes": 60, "new_member_window_minutes": 30,
                 "escalation": [{"after_minutes": 240, "channels": ["moderators"]}]},
        "categories": {"c-crisis": {"peer_window_minutes": 20}},
        "new_member_posts": 1}


def _three_alerts(world: World) -> None:
    configure(world, RULE)
    world.send([
        # u1 has posted before, so their thread waits the full hour.
        post_created("e0", "p0", thread="t0", author="u1", at="2026-01-05T01:00:00Z"),
        reply("e00", "p00", thread="t0", author="u2", at="2026-01-05T01:05:00Z"),
        post_created("e1", "p1", thread="t1", author="u1", at="2026-01-05T02:10:00Z"),
        post_created("e2", "p2", thread="t2", author="u3", at="2026-01-05T02:20:00Z",
                     category_id="c-crisis", content_warnings=["self-harm"]),
        post_created("e3", "p3", thread="t3", author="u4", at="2026-01-05T02:30:00Z"),
    ])
    advance(world, hours=1, minutes=20)


def _post(world: World, alert_id: int, action: str, who: str = "calm:moderator",
          **body: object):
    return world.client.post(f"/v1/forums/calm/alerts/{alert_id}/{action}",
                             json=body or None, headers=world.auth(who))


def test_queue_is_most_overdue_first_with_the_fixed_fields(world: World) -> None:
    _three_alerts(world)
    queue = alerts(world)
    # p2 fell due at 02:50 (a new member: the 30-minute window), p3 at 03:00 (a new
    # member too), p1 at 03:10 (the hour).
    assert [a["post_id"] for a in queue] == ["p2", "p3", "p1"]
    first = queue[0]
    for key in ("id", "post_id", "thread_id", "tier", "due_at", "fired_at", "state",
                "new_member", "labels", "url"):
        assert key in first
    assert first["thread_id"] == "t2" and first["new_member"] is True
    assert queue[2]["new_member"] is False


def test_filters_by_subforum_tier_and_new_member_and_pages(world: World) -> None:
    _three_alerts(world)
    assert [a["post_id"] for a in alerts(world, category="c-crisis")] == ["p2"]
    assert [a["post_id"] for a in alerts(world, new_member="true")] == ["p2", "p3"]
    assert [a["post_id"] for a in alerts(world, new_member="false")] == ["p1"]
    assert alerts(world, tier=2) == []
    response = world.client.get("/v1/forums/calm/alerts", params={"limit": 2, "offset": 2},
                                headers=world.auth("calm:moderator"))
    assert [a["post_id"] for a in response.json()] == ["p1"]
    assert response.headers["X-Total-Count"] == "3"


def test_the_queue_names_a_subforum_the_platform_named_and_shows_the_id_of_others(
    world: World
) -> None:
    _three_alerts(world)
    world.send([{"id": "e9", "type": "thread.updated", "occurred_at": "2026-01-05T03:00:00Z",
                 "thread": {"id": "t9", "category_id": "c-crisis",
                            "category_name": "Crisis & <urgent> support"}},
                post_created("e10", "p10", thread="t10", at="2026-01-05T03:00:00Z",
                             category_id="c-sleep")])
    advance(world, hours=2)
    by_post = {a["post_id"]: a for a in alerts(world)}
    assert (by_post["p2"]["category"], by_post["p2"]["category_name"]) == (
        "c-crisis", "Crisis & <urgent> support")
    assert (by_post["p10"]["category"], by_post["p10"]["category_name"]) == ("c-sleep", None)
    assert by_post["p1"]["category_name"] is None  # no subforum at all
    one = world.client.get(f"/v1/forums/calm/alerts/{by_post['p2']['id']}",
                           headers=world.auth("calm:moderator")).json()
    assert one["category_name"] == "Crisis & <urgent> support"

    sign_in(world.client, world.keys["calm:moderator"])
    page = world.client.get("/ui/forums/calm/alerts").text
    assert "in Crisis &amp; &lt;urgent&gt; support;" in page and "<urgent>" not in page
    assert "in subforum c-sleep;" in page
    assert '<option value="c-crisis" label="Crisis &amp; &lt;urgent&gt; support">' in page
    filtered = world.client.get("/ui/forums/calm/alerts", params={"category": "c-crisis"})
    assert 'id="f-category-name">Crisis &amp; &lt;urgent&gt; support<' in filtered.text


def test_claim_acknowledge_and_resolve_with_a_note_are_recorded(world: World) -> None:
    _three_alerts(world)
    alert_id = alerts(world)[0]["id"]
    claimed = _post(world, alert_id, "claim")
    assert claimed.status_code == 200 and claimed.json()["state"] == "claimed"
    assert claimed.json()["claimed_by"].startswith("key:")
    taken = _post(world, alert_id, "claim", who="calm:admin")
    assert taken.status_code == 409
    assert "already claimed" in taken.json()["detail"]
    assert _post(world, alert_id, "acknowledge").json()["state"] == "acknowledged"
    resolved = _post(world, alert_id, "resolve", note="Replied by private message")
    assert resolved.status_code == 200
    body = resolved.json()
    assert body["state"] == "resolved" and body["resolution"] == "moderator"
    assert body["note"] == "Replied by private message"
    assert [s["action"] for s in body["steps"]] == ["fired", "claimed", "acknowledged",
                                                    "resolved"]
    assert _post(world, alert_id, "acknowledge").status_code == 409
    assert alert_id not in [a["id"] for a in alerts(world)]
    [told] = alert_actions(world, "alert.resolved")
    assert "A moderator resolved it." in told.payload["text"]
    assert "Note: Replied by private message" in told.payload["text"]
    advance(world, hours=5)
    tiers = {(a["post_id"], a["tier"]) for a in alerts(world, state="all")}
    assert ("p2", 2) not in tiers, "a resolved post does not escalate"


def test_snooze_hides_an_alert_until_the_time_then_it_returns(world: World) -> None:
    _three_alerts(world)
    alert_id = alerts(world)[0]["id"]
    snoozed = _post(world, alert_id, "snooze", minutes=30)
    assert snoozed.status_code == 200 and snoozed.json()["state"] == "snoozed"
    assert alert_id not in [a["id"] for a in alerts(world)]
    assert [a["id"] for a in alerts(world, state="snoozed")] == [alert_id]
    counts = world.client.get("/v1/forums/calm/alerts/counts",
                              headers=world.auth("calm:moderator")).json()
    assert counts == {"open": 2, "snoozed": 1, "claimed": 0, "acknowledged": 0,
                      "new_member": 1, "risk": 0}
    advance(world, minutes=30)
    back = [a for a in alerts(world) if a["id"] == alert_id]
    assert back and back[0]["state"] == "open"


def test_snooze_needs_a_future_time_within_a_week(world: World) -> None:
    _three_alerts(world)
    alert_id = alerts(world)[0]["id"]
    assert _post(world, alert_id, "snooze").status_code == 422
    past = _post(world, alert_id, "snooze", until="2026-01-05T01:00:00Z")
    assert past.status_code == 422
    far = _post(world, alert_id, "snooze", until="2026-03-01T00:00:00Z")
    assert far.status_code == 422
    ok = _post(world, alert_id, "snooze", until="2026-01-05T05:00:00Z")
    assert ok.json()["snoozed_until"].startswith("2026-01-05T05:00:00")


def test_queue_needs_a_moderator_key_and_unknown_alerts_are_404(world: World) -> None:
    _three_alerts(world)
    alert_id = alerts(world)[0]["id"]
    platform = world.client.get("/v1/forums/calm/alerts", headers=world.auth("calm:platform"))
    assert platform.status_code == 403
    assert world.client.get("/v1/forums/calm/alerts").status_code == 401
    assert _post(world, 99999, "claim").status_code == 404
    other = world.client.post(f"/v1/forums/other/alerts/{alert_id}/claim",
                              headers=world.auth("other:moderator"))
    assert other.status_code == 404
    one = world.client.get(f"/v1/forums/calm/alerts/{alert_id}",
                           headers=world.auth("calm:moderator"))
    assert one.json()["steps"][0]["action"] == "fired"


def test_members_see_that_a_moderator_is_looking_after_a_claimed_thread(world: World) -> None:
    _three_alerts(world)
    alert_id = alerts(world)[0]["id"]

    def care() -> object:
        with session_scope(world.services.engine) as session:
            forum = forums.by_slug(session, "calm")
            assert forum is not None and forum.id is not None
            thread = mirror.get_thread(session, forum.id, "t2")
            assert thread is not None and thread.id is not None
            return world.services.registry.facets.one(THREAD_CARE_STATUS, session, forum,
                                                      thread.id)

    assert care() is None
    _post(world, alert_id, "claim")
    assert care() == "A moderator is looking after this thread"
    world.send([reply("e9", "p9", thread="t2", author="u5", at="2026-01-05T03:40:00Z")])
    assert care() is None
