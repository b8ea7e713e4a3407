"""A forum that switches response modes off: every route gives the core's 404, and held
threads wait until the plugin is on again."""

from __future__ import annotations

from datetime import timedelta

from forumkit.clock import FrozenClock
from forumkit.plugin import JobContext
from forumkit.plugins.response_modes.jobs import open_held_threads
from tests.plugins.response_modes.conftest import diary, permissions, set_mode
from tests.support.world import World

OFF = {"detail": "the response_modes feature is switched off for this forum"}


def _switch(world: World, on: bool) -> None:
    response = world.client.put("/v1/forums/calm/plugins/response_modes", json={"enabled": on},
                                headers=world.auth("calm:admin"))
    assert response.status_code == 200, response.text


def _open_held(world: World) -> int:
    services = world.services
    return open_held_threads(JobContext(engine=services.engine, now=services.clock.now(),
                                        app=services))


def test_every_route_answers_the_cores_404_when_switched_off(world: World) -> None:
    diary(world)
    _switch(world, False)
    body = {"actor_id": "u42", "mode": "open"}
    platform, moderator = world.auth("calm:platform"), world.auth("calm:moderator")
    answers = [
        world.client.get("/v1/forums/calm/permissions", params={"thread_id": "t1"},
                         headers=platform),
        world.client.get("/v1/forums/calm/threads/t1/response-mode", headers=platform),
        world.client.put("/v1/forums/calm/threads/t1/response-mode", json=body,
                         headers=platform),
        world.client.get("/v1/forums/calm/moderation/threads/t1/response-mode",
                         headers=moderator),
        world.client.put("/v1/forums/calm/moderation/threads/t1/response-mode", json=body,
                         headers=moderator),
    ]
    assert [(a.status_code, a.json()) for a in answers] == [(404, OFF)] * len(answers)
    # Keys are still checked first, and the other forum keeps its response modes.
    assert world.client.get("/v1/forums/calm/permissions?thread_id=t1").status_code == 401
    assert world.client.get("/v1/forums/calm/moderation/threads/t1/response-mode",
                            headers=platform).status_code == 403
    assert world.client.get("/v1/forums/other/permissions", params={"thread_id": "t1"},
                            headers=world.auth("other:platform")).status_code == 200
    _switch(world, True)
    assert permissions(world, "u7")["response_mode"] == "diary"


def test_a_held_thread_opens_only_once_the_plugin_is_on_again(world: World) -> None:
    diary(world)
    clock = world.services.clock
    assert isinstance(clock, FrozenClock)
    opens = clock.now() + timedelta(hours=2)
    assert set_mode(world, "u42", "held", opens_at=opens.isoformat()).status_code == 200
    _switch(world, False)
    clock.advance(timedelta(hours=3))
    assert _open_held(world) == 0
    _switch(world, True)
    assert _open_held(world) == 1
    assert permissions(world, "u7")["response_mode"] == "open"
