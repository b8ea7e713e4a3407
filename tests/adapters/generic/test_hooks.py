"""POST /v1/hooks/{forum} with the generic adapter: signed native batches."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlmodel import select

from forumkit import signing
from forumkit.db import session_scope
from forumkit.mirror.models import Post
from forumkit.outbox.models import OutboxItem
from tests.support.world import World, post_created


def _signed(world: World, events: list[dict], *, msg_id: str = "msg_1",
            secret: str | None = None) -> tuple[bytes, dict[str, str]]:
    body = json.dumps({"events": events}).encode()
    headers = signing.signed_headers(
        secret=secret or world.secrets["calm"], msg_id=msg_id,
        now=world.services.clock.now(), body=body,
    )
    return body, {**headers, "content-type": "application/json"}


def test_signed_batch_is_applied(world: World) -> None:
    body, headers = _signed(world, [post_created("e1", "p1")])
    response = world.client.post("/v1/hooks/calm", content=body, headers=headers)
    assert response.status_code == 200
    assert response.json() == {"applied": 1, "duplicates": 0}


def test_wrong_secret_is_401(world: World) -> None:
    body, headers = _signed(world, [post_created("e1", "p1")], secret=world.secrets["other"])
    response = world.client.post("/v1/hooks/calm", content=body, headers=headers)
    assert response.status_code == 401
    assert "does not match" in response.json()["detail"]


def test_stale_delivery_is_401(world: World, clock) -> None:
    body, headers = _signed(world, [post_created("e1", "p1")])
    clock.advance(timedelta(minutes=6))
    response = world.client.post("/v1/hooks/calm", content=body, headers=headers)
    assert response.status_code == 401
    assert "300 seconds" in response.json()["detail"]


def test_replayed_delivery_is_refused_and_applies_nothing(world: World) -> None:
    body, headers = _signed(world, [post_created("e1", "p1")])
    assert world.client.post("/v1/hooks/calm", content=body, headers=headers).status_code == 200
    replay = world.client.post("/v1/hooks/calm", content=body, headers=headers)
    assert replay.status_code == 409
    assert "already received" in replay.json()["detail"]


def test_a_new_delivery_of_the_same_events_counts_duplicates(world: World) -> None:
    events = [post_created("e1", "p1")]
    body, headers = _signed(world, events, msg_id="msg_1")
    world.client.post("/v1/hooks/calm", content=body, headers=headers)
    body, headers = _signed(world, events, msg_id="msg_2")
    response = world.client.post("/v1/hooks/calm", content=body, headers=headers)
    assert response.json() == {"applied": 0, "duplicates": 1}


def test_signed_but_malformed_body_is_422(world: World) -> None:
    bad = post_created("e1", "p1")
    bad["post"]["author_id"] = ""
    body, headers = _signed(world, [bad])
    response = world.client.post("/v1/hooks/calm", content=body, headers=headers)
    assert response.status_code == 422
    assert "events.0.post.created.post.author_id" in response.json()["detail"]


def test_unknown_forum_is_404(world: World) -> None:
    body, headers = _signed(world, [post_created("e1", "p1")])
    assert world.client.post("/v1/hooks/nowhere", content=body, headers=headers
                             ).status_code == 404


def test_unsigned_request_is_401(world: World) -> None:
    response = world.client.post("/v1/hooks/calm", json={"events": []})
    assert response.status_code == 401


def test_a_webhook_over_the_batch_cap_is_refused_whole_and_can_be_resent_split(
    world: World,
) -> None:
    world.services.settings.max_batch_events = 40  # FORUMKIT_MAX_BATCH_EVENTS, 500 by default
    events = [post_created(f"e{i}", f"p{i}", thread=f"t{i}") for i in range(41)]
    body, headers = _signed(world, events, msg_id="msg_big")
    response = world.client.post("/v1/hooks/calm", content=body, headers=headers)
    assert response.status_code == 422
    assert "at most 40 events per batch, got 41" in response.json()["detail"]
    for part, chunk in enumerate((events[:20], events[20:])):
        body, headers = _signed(world, chunk, msg_id=f"msg_part{part}")
        response = world.client.post("/v1/hooks/calm", content=body, headers=headers)
        assert response.json()["applied"] == len(chunk)


def test_a_signed_import_sends_nothing(world: World) -> None:
    """History sent through the webhook route: applied, marked imported, nobody told."""
    body = json.dumps({"events": [post_created("h1", "p1", thread="t1")], "import": True})
    headers = signing.signed_headers(secret=world.secrets["calm"], msg_id="msg_import",
                                     now=world.services.clock.now(), body=body.encode())
    response = world.client.post("/v1/hooks/calm", content=body,
                                 headers={**headers, "content-type": "application/json"})
    assert response.json() == {"applied": 1, "duplicates": 0}
    with session_scope(world.services.engine) as session:
        [post] = session.exec(select(Post)).all()
        assert post.imported
        assert session.exec(select(OutboxItem)).all() == [], "the tests' plugin told no one"
    live, headers = _signed(world, [post_created("e2", "p2", thread="t2")], msg_id="msg_live")
    world.client.post("/v1/hooks/calm", content=live, headers=headers)
    with session_scope(world.services.engine) as session:
        assert len(session.exec(select(OutboxItem)).all()) == 1, "a live thread is told"


def test_an_import_flag_that_is_not_true_or_false_is_422(world: World) -> None:
    body = json.dumps({"events": [post_created("h1", "p1")], "import": "perhaps"}).encode()
    headers = signing.signed_headers(secret=world.secrets["calm"], msg_id="msg_odd",
                                     now=world.services.clock.now(), body=body)
    response = world.client.post("/v1/hooks/calm", content=body,
                                 headers={**headers, "content-type": "application/json"})
    assert response.status_code == 422
    assert "import" in response.json()["detail"]
