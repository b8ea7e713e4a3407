"""Gratitude switched off for a forum: every route and page answers the core's 404."""

from __future__ import annotations

from tests.support.pages import sign_in
from tests.support.world import World, post_created

OFF = {"detail": "the gratitude feature is switched off for this forum"}


def _switch_off(world: World) -> None:
    response = world.client.put("/v1/forums/calm/plugins/gratitude", json={"enabled": False},
                                headers=world.auth("calm:admin"))
    assert response.status_code == 200, response.text


def test_every_gratitude_route_answers_the_same_404_when_switched_off(world: World) -> None:
    world.send([post_created("e1", "p1", author="u42"),
                post_created("e2", "p2", author="u7", first=False)])
    _switch_off(world)
    platform, admin = world.auth("calm:platform"), world.auth("calm:admin")
    base = "/v1/forums/calm"
    answers = [
        world.client.post(f"{base}/posts/p2/reactions",
                          json={"member_id": "u42", "kind": "thank_you"}, headers=platform),
        world.client.delete(f"{base}/posts/p2/reactions/thank_you?member_id=u42",
                            headers=platform),
        world.client.get(f"{base}/posts/p2/reactions", headers=platform),
        world.client.post(f"{base}/gratitude/shown", json={"post_ids": ["p2"]},
                          headers=platform),
        world.client.get(f"{base}/gratitude/kinds", headers=platform),
        world.client.put(f"{base}/gratitude/kinds",
                         json={"kinds": [{"key": "hug", "emoji": "🫂", "words": "Hug"}]},
                         headers=admin),
    ]
    assert [(a.status_code, a.json()) for a in answers] == [(404, OFF)] * len(answers)
    # The other forum keeps its gratitude.
    assert world.client.get("/v1/forums/other/gratitude/kinds",
                            headers=world.auth("other:platform")).status_code == 200


def test_the_gratitude_page_is_not_found_when_switched_off(world: World) -> None:
    signed_in = sign_in(world.client, world.keys["calm:admin"])
    assert signed_in.status_code == 303
    assert world.client.get("/ui/forums/calm/gratitude").status_code == 200
    _switch_off(world)
    assert world.client.get("/ui/forums/calm/gratitude").status_code == 404
    saved = world.client.post("/ui/forums/calm/gratitude", data={"csrf": "x", "rows": "0"},
                              follow_redirects=False)
    assert saved.status_code == 404
