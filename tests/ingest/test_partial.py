"""Partial batches: with on_invalid=skip the valid events of a batch are applied and each
invalid one is listed with where it is wrong; by default one invalid event refuses all."""

from __future__ import annotations

from typing import Any

from tests.adapters.generic.test_hooks import _signed
from tests.support.world import World, post_created

BROKEN = {"id": "e2", "type": "post.created", "occurred_at": "2026-01-05T02:11:00Z",
          "post": {"id": "p2", "author_id": "u7", "body": "my private words"}}  # no thread_id


def _batch() -> list[Any]:
    return [post_created("e1", "p1"), BROKEN, post_created("e3", "p3", thread="t3"), 7]


def test_by_default_one_invalid_event_refuses_the_whole_batch(world: World) -> None:
    refused = world.send(_batch())
    assert refused.status_code == 422
    assert {tuple(e["loc"][:3]) for e in refused.json()["detail"]} == {
        ("body", "events", 1), ("body", "events", 3)}
    assert world.send([post_created("e1", "p1")]).json() == {"applied": 1, "duplicates": 0}


def test_with_skip_the_valid_events_land_and_the_others_are_listed(world: World) -> None:
    answer = world.client.post("/v1/forums/calm/events?on_invalid=skip",
                               json={"events": _batch()}, headers=world.auth("calm:platform"))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["applied"], body["duplicates"]) == (2, 0)
    assert [(r["index"], r["id"]) for r in body["rejected"]] == [(1, "e2"), (3, None)]
    assert body["rejected"][0]["errors"][0]["loc"] == ["post.created", "post", "thread_id"]
    assert "my private words" not in answer.text, "what was sent is not echoed"
    again = world.client.post("/v1/forums/calm/events?on_invalid=skip",
                              json={"events": _batch()}, headers=world.auth("calm:platform"))
    assert (again.json()["applied"], again.json()["duplicates"]) == (0, 2)


def test_a_webhook_with_skip_applies_what_it_can(world: World) -> None:
    body, headers = _signed(world, _batch(), msg_id="msg_partial")
    answer = world.client.post("/v1/hooks/calm?on_invalid=skip", content=body,
                               headers=headers)
    assert answer.status_code == 200, answer.text
    assert answer.json()["applied"] == 2
    assert [r["index"] for r in answer.json()["rejected"]] == [1, 3]
    body, headers = _signed(world, _batch(), msg_id="msg_whole")
    assert world.client.post("/v1/hooks/calm", content=body,
                             headers=headers).status_code == 422
