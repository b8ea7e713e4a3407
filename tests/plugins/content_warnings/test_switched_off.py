"""Content warnings switched off for a forum: every route and page answers the core's 404,
after the usual key checks, and the other forum keeps its content warnings."""

from __future__ import annotations

from typing import Any

from fastapi.routing import APIRoute

from forumkit.db import session_scope
from forumkit.keys import service as keys
from forumkit.plugins.content_warnings import admin_routes, routes
from forumkit.web import sessions
from tests.plugins.content_warnings.helpers import hints
from tests.support.world import World, post_created

OFF = {"detail": "the content_warnings feature is switched off for this forum"}

# Every route of the plugin: (method, path under the forum, key scope, JSON body).
ROUTES: list[tuple[str, str, str, dict[str, Any] | None]] = [
    ("POST", "/render-hints", "platform", {"reader_id": "u7", "post_ids": ["p1"]}),
    ("POST", "/compose-check", "platform", {"author_id": "u42", "body": "I hurt myself"}),
    ("GET", "/labels", "platform", None),
    ("GET", "/posts/p1/labels", "platform", None),
    ("PUT", "/posts/p1/labels", "platform",
     {"by": "author", "actor_id": "u42", "labels": ["abuse"]}),
    ("GET", "/members/u7/preferences", "platform", None),
    ("PUT", "/members/u7/preferences", "platform", {"labels": {"abuse": "hide"}}),
    ("POST", "/labels", "admin", {"key": "new-one", "name": "New one"}),
    ("PATCH", "/labels/abuse", "admin", {"name": "Abuse and control"}),
    ("GET", "/labels/abuse/lexicon", "admin", None),
    ("PUT", "/labels/abuse/lexicon", "admin", {"terms": ["hit me"]}),
    ("GET", "/language", "admin", None),
    ("PUT", "/language", "admin", {"terms": []}),
    ("GET", "/content-warnings/suggestions", "moderator", None),
    ("POST", "/posts/p1/suggestions/abuse/confirm", "moderator", None),
    ("POST", "/posts/p1/suggestions/abuse/dismiss", "moderator", None),
]

# Every page: (method, path under /ui/forums/calm, form without the CSRF token).
PAGES: list[tuple[str, str, dict[str, str] | None]] = [
    ("GET", "/content-warnings", None),
    ("POST", "/content-warnings/labels", {"name": "New one"}),
    ("POST", "/content-warnings/labels/abuse", {"action": "retire"}),
    ("POST", "/content-warnings/language", {"language": "nutter => someone unwell"}),
    ("GET", "/content-warnings/suggestions", None),
    ("POST", "/content-warnings/suggestions",
     {"post": "p1", "label": "abuse", "decision": "confirm"}),
]


def _switch(world: World, enabled: bool) -> None:
    response = world.client.put("/v1/forums/calm/plugins/content_warnings",
                                json={"enabled": enabled}, headers=world.auth("calm:admin"))
    assert response.status_code == 200, response.text


def _call(world: World, forum: str, method: str, path: str, scope: str,
          body: dict[str, Any] | None) -> Any:
    return world.client.request(method, f"/v1/forums/{forum}{path}", json=body,
                                headers=world.auth(f"{forum}:{scope}"))


def _templated(path: str) -> str:
    return "/" + "/".join("{}" if part in ("p1", "u7", "abuse") else part
                          for part in path.strip("/").split("/"))


def test_the_list_names_every_route_of_the_plugin() -> None:
    declared = {(method, route.path.replace("{post}", "{}").replace("{member}", "{}")
                 .replace("{key}", "{}"))
                for router in (routes.router, admin_routes.router)
                for route in router.routes if isinstance(route, APIRoute)
                for method in route.methods}
    assert declared == {(method, _templated(path)) for method, path, _, _ in ROUTES}


def test_every_route_answers_the_core_404_when_switched_off(world: World) -> None:
    world.send([post_created("e1", "p1", body="He hit me again.")])
    _switch(world, False)
    for method, path, scope, body in ROUTES:
        response = _call(world, "calm", method, path, scope, body)
        assert (response.status_code, response.json()) == (404, OFF), (method, path)
        # The key checks still come first.
        assert world.client.request(method, f"/v1/forums/calm{path}",
                                    json=body).status_code == 401
    assert _call(world, "calm", "GET", "/language", "platform", None).status_code == 403
    # Nothing was changed on the way: switched back on, the post is as it was.
    _switch(world, True)
    labels = _call(world, "calm", "GET", "/posts/p1/labels", "platform", None).json()
    assert labels["labels"] == [] and [p["key"] for p in labels["suggested"]] == ["abuse"]


def test_the_other_forum_keeps_its_content_warnings(world: World) -> None:
    _switch(world, False)
    world.send([post_created("e1", "p1", content_warnings=["abuse"])], forum="other")
    assert hints(world, None, ["p1"], forum="other")["posts"]["p1"]["display"] == "blur"


def _signed_in_as_admin(world: World) -> str:
    with session_scope(world.services.engine) as session:
        key = keys.find_active(session, world.keys["calm:admin"])
        assert key is not None
        web, token = sessions.start(session, key, world.services.clock.now())
    world.client.cookies.set(sessions.COOKIE, token, path="/ui")
    return web.csrf_token


def test_every_page_answers_404_when_switched_off(world: World) -> None:
    world.send([post_created("e1", "p1", body="He hit me again.")])
    csrf = _signed_in_as_admin(world)
    for method, path, _ in PAGES:
        if method == "GET":
            assert world.client.get(f"/ui/forums/calm{path}").status_code == 200, path
    _switch(world, False)
    for method, path, form in PAGES:
        response = world.client.request(method, f"/ui/forums/calm{path}",
                                        data={**form, "csrf": csrf} if form else None,
                                        follow_redirects=False)
        assert response.status_code == 404, (method, path)
        assert "the content_warnings feature is switched off for this forum" in response.text
    _switch(world, True)
    labels = world.client.get("/v1/forums/calm/labels", headers=world.auth("calm:platform"))
    assert [x["key"] for x in labels.json() if x["retired"]] == []
    assert "new-one" not in {x["key"] for x in labels.json()}
