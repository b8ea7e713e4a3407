"""A forum that switches unanswered-post alerts off: every route and page gives the core's
404, and the alert job fires nothing there while the other forum's alerts still fire."""

from __future__ import annotations

from tests.plugins.unanswered.support import (
    advance,
    alert_actions,
    alerts,
    configure,
    one_alert,
    post_created,
)
from tests.support.pages import signed_in_form_token
from tests.support.world import World

OFF = {"detail": "the unanswered feature is switched off for this forum"}
RULE = {"rule": {"peer_window_minutes": 60, "escalation": []}}


def _switch_off(world: World) -> None:
    response = world.client.put("/v1/forums/calm/plugins/unanswered", json={"enabled": False},
                                headers=world.auth("calm:admin"))
    assert response.status_code == 200, response.text




def test_every_route_answers_the_cores_404_when_switched_off(world: World) -> None:
    alert_id = one_alert(world)
    _switch_off(world)
    moderator, admin = world.auth("calm:moderator"), world.auth("calm:admin")
    base = "/v1/forums/calm/alerts"
    answers = [
        world.client.get(base, headers=moderator),
        world.client.get(f"{base}/counts", headers=moderator),
        world.client.get(f"{base}/stats", headers=admin),
        world.client.post(f"{base}/test", json={"channel": "moderators"}, headers=admin),
        world.client.get(f"{base}/{alert_id}", headers=moderator),
        world.client.post(f"{base}/{alert_id}/claim", headers=moderator),
        world.client.post(f"{base}/{alert_id}/acknowledge", headers=moderator),
        world.client.post(f"{base}/{alert_id}/snooze", json={"minutes": 30},
                          headers=moderator),
        world.client.post(f"{base}/{alert_id}/resolve", json={"note": "seen"},
                          headers=moderator),
    ]
    assert [(a.status_code, a.json()) for a in answers] == [(404, OFF)] * len(answers)
    # Keys are still checked first, and the other forum keeps its queue.
    assert world.client.get(base).status_code == 401
    assert world.client.get(f"{base}/stats", headers=moderator).status_code == 403
    assert world.client.get("/v1/forums/other/alerts",
                            headers=world.auth("other:moderator")).status_code == 200


def test_every_page_answers_404_when_switched_off(world: World) -> None:
    alert_id = one_alert(world)
    _switch_off(world)
    csrf = signed_in_form_token(world.client, world.keys["calm:admin"])
    base = "/ui/forums/calm/alerts"
    answers = [
        world.client.get(base),
        world.client.get(f"{base}/counts"),
        world.client.post(f"{base}/{alert_id}", data={"csrf": csrf, "action": "claim"}),
        world.client.get(f"{base}/setup"),
        world.client.post(f"{base}/setup/test", data={"csrf": csrf, "channel": "moderators"}),
        world.client.get(f"{base}/stats"),
    ]
    assert [a.status_code for a in answers] == [404] * len(answers)
    assert "switched off for this forum" in answers[0].text
    # Nothing was done while it was off: switched on again, the alert is still open.
    switched_on = world.client.put("/v1/forums/calm/plugins/unanswered",
                                   json={"enabled": True}, headers=world.auth("calm:admin"))
    assert switched_on.status_code == 200
    assert [a["state"] for a in alerts(world)] == ["open"]


def test_the_alert_job_fires_nothing_for_a_forum_that_switched_it_off(world: World) -> None:
    configure(world, RULE)
    configure(world, RULE, forum="other")
    world.send([post_created("e1", "p1")])
    world.send([post_created("e1", "p1")], forum="other")
    _switch_off(world)
    advance(world, minutes=61)
    fired = alert_actions(world, "alert.fired")
    assert len(fired) == 1, "only the other forum's post alerted"
    assert alerts(world, forum="other")[0]["post_id"] == "p1"
