"""Every route checks its scope and its forum: 401 without a key, 404 for another forum's key,
403 for a key without the scope. Routes are read from the app, so plugin routes are covered."""

from __future__ import annotations

import re

import pytest

from forumkit.keys.models import Scope
from tests.conftest import shared_app
from tests.support.world import World

UNAUTHENTICATED = {"/healthz", "/readyz", "/metrics", "/v1/hooks/{forum}"}


def _forum_routes() -> list[tuple[str, str]]:
    return [
        (method.upper(), path)
        for path, operations in shared_app().openapi()["paths"].items()
        if path.startswith("/v1/forums/{forum}")
        for method in operations
    ]


FORUM_ROUTES = _forum_routes()


def _url(path: str, forum: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: forum if m.group(1) == "forum" else "x1", path)


def _call(world: World, method: str, path: str, forum: str, headers: dict[str, str]):
    return world.client.request(method, _url(path, forum), json={}, headers=headers)


def _needed_scope(world: World, method: str, path: str) -> set[str]:
    """Which of the forum's own keys get past auth (anything but 401/403/404 for auth)."""
    allowed = set()
    for scope in Scope:
        response = _call(world, method, path, "calm", world.auth(f"calm:{scope.value}"))
        if response.status_code != 403:
            allowed.add(scope.value)
    return allowed


def test_routes_were_found() -> None:
    assert ("POST", "/v1/forums/{forum}/events") in FORUM_ROUTES
    assert ("PUT", "/v1/forums/{forum}/plugins/{plugin}") in FORUM_ROUTES


@pytest.mark.parametrize(("method", "path"), FORUM_ROUTES)
def test_route_refuses_missing_wrong_and_foreign_keys(world: World, method: str, path: str
                                                      ) -> None:
    assert _call(world, method, path, "calm", {}).status_code == 401
    bad = {"Authorization": "Bearer fk_not-a-real-key"}
    assert _call(world, method, path, "calm", bad).status_code == 401
    for scope in Scope:
        foreign = _call(world, method, path, "calm", world.auth(f"other:{scope.value}"))
        assert foreign.status_code == 404, (scope, foreign.text)
        assert "calm" in foreign.json()["detail"]
    allowed = _needed_scope(world, method, path)
    assert allowed and allowed != {s.value for s in Scope}, f"{path} admits {allowed}"
    operator = _call(world, method, path, "calm", world.auth("operator"))
    assert operator.status_code not in (401, 403)


def test_scopes_of_the_fixed_routes(world: World) -> None:
    assert _needed_scope(world, "POST", "/v1/forums/{forum}/events") == {"platform"}
    assert _needed_scope(world, "GET", "/v1/forums/{forum}/audit") == {"admin"}
    assert _needed_scope(world, "GET", "/v1/forums/{forum}/plugins") == {"admin"}


def test_revoked_key_is_refused(world: World) -> None:
    created = world.client.post("/v1/forums/calm/keys", json={"scope": "platform"},
                                headers=world.auth("calm:admin")).json()
    headers = {"Authorization": f"Bearer {created['key']}"}
    assert world.client.get("/v1/forums/calm/plugins", headers=headers).status_code == 403
    world.client.delete(f"/v1/forums/calm/keys/{created['id']}", headers=world.auth("calm:admin"))
    response = world.client.get("/v1/forums/calm/plugins", headers=headers)
    assert response.status_code == 401
    assert response.json()["detail"] == "this API key is unknown or revoked"


def test_only_operators_connect_forums_and_forum_keys_list_their_own(world: World) -> None:
    body = {"slug": "new-forum", "adapter": "generic"}
    refused = world.client.post("/v1/forums", json=body, headers=world.auth("calm:admin"))
    assert refused.status_code == 403
    created = world.client.post("/v1/forums", json=body, headers=world.auth("operator"))
    assert created.status_code == 201
    assert created.json()["webhook_secret"].startswith("whsec_")
    mine = world.client.get("/v1/forums", headers=world.auth("calm:platform")).json()
    assert [f["slug"] for f in mine] == ["calm"]
    every = world.client.get("/v1/forums", headers=world.auth("operator")).json()
    assert [f["slug"] for f in every] == ["calm", "new-forum", "other"]


def test_keys_are_hashed_at_rest(world: World) -> None:
    from sqlmodel import select

    from forumkit.db import session_scope
    from forumkit.keys.models import ApiKey

    with session_scope(world.services.engine) as session:
        stored = " ".join(f"{k.key_hash} {k.prefix}" for k in session.exec(select(ApiKey)))
    for plain in world.keys.values():
        assert plain not in stored


def test_a_forum_holds_at_most_fifty_working_keys(world: World) -> None:
    admin = world.auth("calm:admin")
    held = len(world.client.get("/v1/forums/calm/keys", headers=admin).json())
    made = [world.client.post("/v1/forums/calm/keys", headers=admin,
                              json={"scope": "platform", "label": f"k{n}"})
            for n in range(50 - held)]
    assert all(r.status_code == 201 for r in made)
    refused = world.client.post("/v1/forums/calm/keys", headers=admin,
                                json={"scope": "platform", "label": "one too many"})
    assert refused.status_code == 409 and "revoke one" in refused.json()["detail"]
    revoked = world.client.delete(f"/v1/forums/calm/keys/{made[0].json()['id']}",
                                  headers=admin)
    assert revoked.status_code == 200
    assert world.client.post("/v1/forums/calm/keys", headers=admin,
                             json={"scope": "platform", "label": "after"}).status_code == 201
