"""Bad input is answered 4xx with the usual error body, never 5xx: ids beyond what the
databases store, text holding NUL or an unpaired surrogate, times far out of range, and a
webhook-id longer than the service remembers (forumkit/inputs.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from httpx import Response

from forumkit import signing
from tests.plugins.unanswered.support import one_alert
from tests.support.world import World, post_created

HUGE = [2**31, 2**63, 10**19]  # past PostgreSQL's INTEGER, SQLite's INTEGER, any of them


def _refused(response: Response, where: list[Any]) -> dict[str, Any]:
    """A 422 in FastAPI's shape naming `where`; the body must be JSON whatever it quotes."""
    assert response.status_code == 422, response.text
    body = json.loads(response.content.decode("ascii"))
    [problem] = [p for p in body["detail"] if p["loc"] == where]
    return dict(problem)


@pytest.mark.parametrize("number", HUGE)
def test_ids_and_offsets_past_what_the_databases_store_are_refused_with_422(
    world: World, number: int
) -> None:
    alert = one_alert(world)
    operator = world.auth("operator")
    asks = {
        ("path", "alert_id"): world.client.get(f"/v1/forums/calm/alerts/{number}",
                                              headers=operator),
        ("path", "key_id"): world.client.delete(f"/v1/forums/calm/keys/{number}",
                                               headers=operator),
        ("path", "feedback_id"): world.client.post(
            f"/v1/forums/calm/feedback/{number}/answer", json={"text": "Thank you"},
            headers=operator),
        ("query", "before_id"): world.client.get("/v1/forums/calm/audit",
                                                params={"before_id": number}, headers=operator),
        ("query", "offset"): world.client.get("/v1/forums/calm/alerts",
                                             params={"offset": number}, headers=operator),
    }
    for where, response in asks.items():
        problem = _refused(response, list(where))
        assert problem["type"] == "less_than_equal"
    # The largest id that fits is simply not found; the alert itself still is.
    assert world.client.get(f"/v1/forums/calm/alerts/{2**31 - 1}",
                            headers=operator).status_code == 404
    assert world.client.get(f"/v1/forums/calm/alerts/{alert}", headers=operator).status_code == 200


@pytest.mark.parametrize("bad", ["\x00", "\ud800", "\udfff"], ids=["nul", "high", "low"])
def test_text_with_nul_or_an_unpaired_surrogate_is_refused_with_422(
    world: World, bad: str
) -> None:
    operator = {**world.auth("operator"), "content-type": "application/json"}

    def send(method: str, url: str, body: dict[str, Any]) -> Response:
        # json.dumps escapes both (\u0000, \ud800), the way a client's JSON library would.
        return world.client.request(method, url, content=json.dumps(body), headers=operator)

    event = post_created("e1", "p1", body=f"I have not slept{bad}")
    problem = _refused(send("POST", "/v1/forums/calm/events", {"events": [event]}),
                       ["body", "events", 0, "post.created", "post", "body"])
    if bad == "\x00":
        assert problem["msg"] == "Text may not contain NUL characters or unpaired surrogates"
    else:  # pydantic refuses a lone surrogate as a string already; the 422 must still be sent
        assert problem["type"] == "string_unicode"
    _refused(send("POST", "/v1/forums/calm/events",
                  {"events": [post_created("e1", f"p{bad}1")]}),
             ["body", "events", 0, "post.created", "post", "id"])
    _refused(send("POST", "/v1/forums/calm/compose-check",
                  {"author_id": "u42", "title": f"Can't{bad} sleep", "body": "x"}),
             ["body", "title"])
    _refused(send("PATCH", "/v1/forums/calm", {"name": f"Calm{bad}"}), ["body", "name"])
    _refused(send("PUT", "/v1/forums/calm/plugins/unanswered",
                  {"settings": {"rule": {"peer_window_minutes": 60}, "note": [bad]}}),
             ["body", "settings"])
    assert world.send([post_created("e2", "p2")]).json() == {"applied": 1, "duplicates": 0}


def test_nul_in_a_path_or_query_is_refused_with_422(world: World) -> None:
    operator = world.auth("operator")
    _refused(world.client.get("/v1/forums/ca%00lm/labels", headers=operator),
             ["path", "forum"])
    _refused(world.client.get("/v1/forums/calm/members/u%0042/preferences", headers=operator),
             ["path", "member"])
    _refused(world.client.post("/v1/forums/calm/outbox/a%00b/retry", headers=operator),
             ["path", "item_id"])
    _refused(world.client.get("/v1/forums/calm/permissions?thread_id=t1&member_id=u%0042",
                              headers=operator), ["query", "member_id"])


@pytest.mark.parametrize("when", ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00+14:00",
                                  "1969-12-31T23:59:59Z", "3000-01-01T00:00:00Z"])
def test_times_outside_1970_to_3000_are_refused_with_422(world: World, when: str) -> None:
    operator = world.auth("operator")
    problem = _refused(world.send([post_created("e1", "p1", at=when)]),
                       ["body", "events", 0, "post.created", "occurred_at"])
    assert problem["msg"] == "Times must be between 1970-01-01 and 3000-01-01"
    assert world.send([post_created("e1", "p1")]).status_code == 200
    _refused(world.client.get("/v1/forums/calm/members/u42/impact", params={"since": when},
                              headers=operator), ["query", "since"])
    _refused(world.client.put("/v1/forums/calm/threads/t1/response-mode", headers=operator,
                              json={"actor_id": "u42", "mode": "held", "opens_at": when}),
             ["body", "opens_at"])


def test_a_webhook_id_longer_than_200_characters_is_refused_with_422(world: World) -> None:
    def deliver(msg_id: str, event_id: str) -> Response:
        body = json.dumps({"events": [post_created(event_id, event_id)]}).encode()
        headers = signing.signed_headers(secret=world.secrets["calm"], msg_id=msg_id,
                                         now=world.services.clock.now(), body=body)
        return world.client.post("/v1/hooks/calm", content=body,
                                 headers={**headers, "content-type": "application/json"})

    refused = deliver("m" * 201, "e1")
    assert refused.status_code == 422
    assert refused.json() == {"detail": "webhook-id: at most 200 characters, none of them NUL"}
    assert deliver("m" * 200, "e2").json() == {"applied": 1, "duplicates": 0}
    assert deliver("m" * 200, "e2").status_code == 409  # remembered, so a replay is refused
