"""The queue and setup pages' forms without a browser: they call the same use cases as the
API, a failure is shown on the page drawn again with a 4xx, and nothing in a link can put
words of someone else's choosing in front of moderators."""

from __future__ import annotations

from tests.plugins.unanswered.support import (
    alert_actions,
    alerts,
    configure,
    one_alert,
)
from tests.support.pages import signed_in_form_token
from tests.support.world import World

RULE = {"rule": {"peer_window_minutes": 60, "escalation": []}}




def _queued(world: World) -> int:
    items = world.client.get("/v1/forums/calm/outbox", headers=world.auth("calm:admin")).json()
    return len([i for i in items if i["kind"] == "notify_moderators"])


def test_claim_from_the_page_redirects_with_a_fixed_notice(world: World) -> None:
    alert_id = one_alert(world)
    csrf = signed_in_form_token(world.client, world.keys["calm:moderator"])
    back = "/ui/forums/calm/alerts?state=open&category=&tier=&new_member=&page=1"
    done = world.client.post(f"/ui/forums/calm/alerts/{alert_id}",
                             data={"csrf": csrf, "action": "claim", "back": back},
                             follow_redirects=False)
    assert done.status_code == 303
    assert done.headers["location"] == back + "&done=claim#queue"
    page = world.client.get(done.headers["location"])
    assert "You have claimed the alert." in page.text
    assert alerts(world)[0]["state"] == "claimed"


def test_a_failed_action_is_shown_on_the_page_with_a_4xx(world: World) -> None:
    alert_id = one_alert(world)
    csrf = signed_in_form_token(world.client, world.keys["calm:moderator"])
    resolved = world.client.post(f"/ui/forums/calm/alerts/{alert_id}",
                                 data={"csrf": csrf, "action": "resolve", "note": "done"},
                                 follow_redirects=False)
    assert resolved.status_code == 303
    again = world.client.post(f"/ui/forums/calm/alerts/{alert_id}",
                              data={"csrf": csrf, "action": "claim",
                                    "back": "/ui/forums/calm/alerts?state=resolved"},
                              follow_redirects=False)
    assert again.status_code == 409
    assert f"alert {alert_id} is already resolved (moderator)" in again.text
    assert 'role="alert"' in again.text
    assert "Posts waiting for a moderator or an answer" in again.text
    unknown = world.client.post(f"/ui/forums/calm/alerts/{alert_id}",
                                data={"csrf": csrf, "action": "explode"},
                                follow_redirects=False)
    assert unknown.status_code == 422 and "Choose an action." in unknown.text
    assert len(alert_actions(world, "alert.resolved")) == 1


def test_words_in_the_link_are_never_shown(world: World) -> None:
    one_alert(world)
    signed_in_form_token(world.client, world.keys["calm:moderator"])
    page = world.client.get("/ui/forums/calm/alerts",
                            params={"problem": "Call 555-0100 now", "done": "Call 555-0100"})
    assert page.status_code == 200
    assert "555-0100" not in page.text
    assert 'role="alert"' not in page.text


def test_a_test_alert_to_an_unknown_channel_is_refused_on_the_page(world: World) -> None:
    configure(world, RULE)
    csrf = signed_in_form_token(world.client, world.keys["calm:admin"])
    refused = world.client.post("/ui/forums/calm/alerts/setup/test",
                                data={"csrf": csrf, "channel": "nowhere"},
                                follow_redirects=False)
    assert refused.status_code == 422
    assert "no channel called &#39;nowhere&#39;" in refused.text
    assert _queued(world) == 0
    sent = world.client.post("/ui/forums/calm/alerts/setup/test",
                             data={"csrf": csrf, "channel": "moderators"},
                             follow_redirects=False)
    assert sent.status_code == 303
    assert "A test alert is on its way to moderators." in world.client.get(
        sent.headers["location"]).text
    assert _queued(world) == 1
    assert "on its way to nowhere" not in world.client.get(
        "/ui/forums/calm/alerts/setup?sent=nowhere").text
