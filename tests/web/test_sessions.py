"""Sessions and forms without a browser: cookie flags, CSRF, platform keys refused."""

from __future__ import annotations

from tests.support.pages import sign_in, sign_in_form_token
from tests.support.world import World


def _sign_in(world: World, who: str):
    return sign_in(world.client, world.keys[who])


def test_session_cookie_is_httponly_and_strict(world: World) -> None:
    response = _sign_in(world, "calm:admin")
    assert response.status_code == 303
    cookie = next(c for c in response.headers.get_list("set-cookie")
                  if c.startswith("fk_session=")).lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/ui" in cookie
    assert world.keys["calm:admin"] not in response.headers["set-cookie"]


def test_platform_keys_cannot_sign_in(world: World) -> None:
    response = _sign_in(world, "calm:platform")
    assert response.status_code == 401
    assert "Platform keys are for the forum" in response.text


def test_forms_without_the_csrf_token_are_refused(world: World) -> None:
    _sign_in(world, "calm:admin")
    response = world.client.post("/ui/forums/calm/plugins/watch",
                                 data={"enabled": "on", "threshold": "2"})
    assert response.status_code == 403
    assert "This form has expired" in response.text
    api = world.client.get("/v1/forums/calm/audit", headers=world.auth("calm:admin")).json()
    assert [e["action"] for e in api] == ["forum.create"], "nothing was changed"


def test_next_never_leaves_the_site(world: World) -> None:
    response = sign_in(world.client, world.keys["calm:admin"], "https://evil.example/")
    assert response.headers["location"] == "/ui/"


def test_revoked_key_ends_the_session(world: World) -> None:
    _sign_in(world, "calm:moderator")
    assert world.client.get("/ui/forums/calm", follow_redirects=False).status_code == 200
    keys = world.client.get("/v1/forums/calm/keys", headers=world.auth("calm:admin")).json()
    moderator = next(k for k in keys if k["scope"] == "moderator")
    world.client.delete(f"/v1/forums/calm/keys/{moderator['id']}",
                        headers=world.auth("calm:admin"))
    response = world.client.get("/ui/forums/calm", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/ui/sign-in")


def _csrf(world: World, path: str) -> str:
    import re

    page = world.client.get(path).text
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "the page has a form with its CSRF token"
    return found.group(1)


def test_bad_values_in_the_keys_form_answer_the_page_with_the_problem(world: World) -> None:
    _sign_in(world, "calm:admin")
    csrf = _csrf(world, "/ui/forums/calm/keys")
    for data, said in [({"revoke": "abc"}, "Choose a key from the list"),
                       ({"revoke": "9" * 30}, "Choose a key from the list"),
                       ({"revoke": "999999"}, "no key 999999 in this forum"),
                       ({"scope": "operator"}, "Choose a scope for the new key")]:
        response = world.client.post("/ui/forums/calm/keys", data={"csrf": csrf, **data})
        assert response.status_code == 422, (data, response.text[:300])
        assert said in response.text and "Nothing was changed." in response.text
    api = world.client.get("/v1/forums/calm/audit", headers=world.auth("calm:admin")).json()
    assert [e["action"] for e in api] == ["forum.create"], "nothing was changed"


def test_sign_in_without_the_form_token_is_refused(world: World) -> None:
    # Another site can post the form, but cannot read or set the form's cookie.
    response = world.client.post("/ui/sign-in", data={"key": world.keys["calm:admin"],
                                                      "next": "/ui/"}, follow_redirects=False)
    assert response.status_code == 403
    assert "This form has expired" in response.text
    assert "fk_session" not in world.client.cookies

    sign_in_form_token(world.client)  # the page sets its own cookie...
    response = world.client.post("/ui/sign-in", data={
        "key": world.keys["calm:admin"], "next": "/ui/", "csrf": "a-token-from-elsewhere"},
        follow_redirects=False)
    assert response.status_code == 403, "...which a token from elsewhere does not match"
    assert "fk_session" not in world.client.cookies
    assert world.client.get("/ui/forums/calm", follow_redirects=False).status_code == 303
