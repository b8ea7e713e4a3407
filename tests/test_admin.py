"""Admin routes: plugin settings validated by the plugin's model, audit entries, forum edits."""

from __future__ import annotations

import pytest

from tests.support.world import World

pytestmark = pytest.mark.core  # the core's contract, with the tests' own plugins

def test_plugins_list_with_settings_and_json_schema(world: World) -> None:
    response = world.client.get("/v1/forums/calm/plugins", headers=world.auth("calm:admin"))
    watch = next(p for p in response.json() if p["name"] == "watch")
    assert watch["enabled"] is True
    assert watch["settings"] == {"message": "A new thread was started", "threshold": 1}
    assert watch["schema"]["properties"]["threshold"]["maximum"] == 10


def test_invalid_plugin_settings_are_422_naming_each_field(world: World) -> None:
    response = world.client.put(
        "/v1/forums/calm/plugins/watch",
        json={"settings": {"threshold": 99, "message": "", "colour": "red"}},
        headers=world.auth("calm:admin"),
    )
    assert response.status_code == 422
    problems = {tuple(p["loc"]): p["msg"] for p in response.json()["detail"]}
    assert problems[("body", "settings", "threshold")] == "Input should be less than or equal to 10"
    assert ("body", "settings", "message") in problems
    assert problems[("body", "settings", "colour")] == "Extra inputs are not permitted"


def test_plugin_change_is_saved_and_audited(world: World) -> None:
    admin = world.auth("calm:admin")
    response = world.client.put(
        "/v1/forums/calm/plugins/watch",
        json={"enabled": False, "settings": {"threshold": 3}}, headers=admin,
    )
    assert response.status_code == 200
    assert response.json()["enabled"] is False
    assert response.json()["settings"]["threshold"] == 3
    [entry, *_] = world.client.get("/v1/forums/calm/audit", headers=admin).json()
    assert entry["action"] == "plugin.update"
    assert entry["subject"] == "watch"
    assert entry["actor"].startswith("key:")
    assert entry["after"] == {"enabled": False,
                              "settings": {"message": "A new thread was started", "threshold": 3}}


def test_disabled_plugin_produces_no_actions(world: World) -> None:
    from tests.support.world import post_created

    world.client.put("/v1/forums/calm/plugins/watch", json={"enabled": False},
                     headers=world.auth("calm:admin"))
    world.send([post_created("e1", "p1")])
    outbox = world.client.get("/v1/forums/calm/outbox", headers=world.auth("calm:admin")).json()
    assert outbox == []


def test_unknown_plugin_is_404(world: World) -> None:
    response = world.client.put("/v1/forums/calm/plugins/nope", json={"enabled": True},
                                headers=world.auth("calm:admin"))
    assert response.status_code == 404


def test_adapter_settings_are_validated(world: World) -> None:
    response = world.client.patch(
        "/v1/forums/calm", json={"adapter_settings": {"callback_url": "not a url"}},
        headers=world.auth("calm:admin"),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "adapter_settings", "callback_url"]


def test_forum_slug_and_adapter_are_checked(world: World) -> None:
    op = world.auth("operator")
    bad_slug = world.client.post("/v1/forums", json={"slug": "Bad Slug"}, headers=op)
    assert bad_slug.status_code == 422
    taken = world.client.post("/v1/forums", json={"slug": "calm"}, headers=op)
    assert taken.status_code == 409
    no_adapter = world.client.post("/v1/forums", json={"slug": "x", "adapter": "phpbb"},
                                   headers=op)
    assert no_adapter.status_code == 422
    assert "not installed" in no_adapter.json()["detail"]
