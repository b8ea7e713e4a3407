"""Gratitude by route: one of each kind per member per post, never on one's own post."""

from __future__ import annotations

from typing import Any

from tests.support.world import World, post_created

URL = "/v1/forums/calm/posts/{post}/reactions"


def _thread_with_reply(world: World) -> None:
    world.send([
        post_created("e1", "p1", author="u42"),
        post_created("e2", "p2", author="u7", first=False, at="2026-01-05T02:20:00Z"),
    ])


def _give(world: World, post: str, member: str, kind: str, forum: str = "calm") -> Any:
    return world.client.post(
        f"/v1/forums/{forum}/posts/{post}/reactions", json={"member_id": member, "kind": kind},
        headers=world.auth(f"{forum}:platform"),
    )


def _take_back(world: World, post: str, member: str, kind: str) -> Any:
    return world.client.delete(
        URL.format(post=post) + f"/{kind}", params={"member_id": member},
        headers=world.auth("calm:platform"),
    )


def test_giving_a_reaction_counts_it_and_giving_it_again_changes_nothing(world: World) -> None:
    _thread_with_reply(world)
    first = _give(world, "p2", "u42", "thank_you")
    assert first.status_code == 201
    assert first.json()["changed"] is True
    assert first.json()["counts"]["thank_you"] == 1
    assert first.json()["mine"] == ["thank_you"]

    again = _give(world, "p2", "u42", "thank_you")
    assert again.status_code == 200
    assert again.json()["changed"] is False
    assert again.json()["counts"]["thank_you"] == 1
    assert again.json()["total"] == 1


def test_one_member_may_give_several_kinds_and_several_members_the_same_kind(
    world: World,
) -> None:
    _thread_with_reply(world)
    _give(world, "p2", "u42", "thank_you")
    _give(world, "p2", "u42", "this_helped")
    latest = _give(world, "p2", "u9", "thank_you").json()
    assert latest["counts"] == {"thank_you": 2, "this_helped": 1, "me_too": 0,
                                "sending_support": 0, "tried_this": 0}
    assert latest["mine"] == ["thank_you"]
    assert latest["total"] == 3


def test_taking_back_removes_and_repeating_it_is_harmless(world: World) -> None:
    _thread_with_reply(world)
    _give(world, "p2", "u42", "thank_you")
    removed = _take_back(world, "p2", "u42", "thank_you")
    assert removed.status_code == 200
    assert removed.json()["changed"] is True
    assert removed.json()["counts"]["thank_you"] == 0
    assert removed.json()["mine"] == []
    again = _take_back(world, "p2", "u42", "thank_you")
    assert again.status_code == 200
    assert again.json()["changed"] is False
    stranger = _take_back(world, "p2", "never-seen", "thank_you")
    assert stranger.json()["changed"] is False


def test_a_reaction_on_ones_own_post_is_refused(world: World) -> None:
    _thread_with_reply(world)
    response = _give(world, "p2", "u7", "thank_you")
    assert response.status_code == 403
    assert "your own post" in response.json()["detail"]
    read = world.client.get(URL.format(post="p2"), headers=world.auth("calm:platform"))
    assert read.json()["total"] == 0


def test_unknown_kind_is_422_and_unknown_or_deleted_post_is_404(world: World) -> None:
    _thread_with_reply(world)
    wrong = _give(world, "p2", "u42", "hug")
    assert wrong.status_code == 422
    assert wrong.json()["detail"][0]["loc"] == ["body", "kind"]
    assert "thank_you" in wrong.json()["detail"][0]["msg"]
    assert _give(world, "p-nope", "u42", "thank_you").status_code == 404
    world.send([{"id": "e3", "type": "post.deleted", "occurred_at": "2026-01-05T03:00:00Z",
                 "post": {"id": "p2"}}])
    assert _give(world, "p2", "u42", "thank_you").status_code == 404


def test_reactions_are_refused_where_the_thread_takes_none(world: World) -> None:
    _thread_with_reply(world)
    # u42 makes their thread a diary (response modes): no replies and no reactions.
    closed = world.client.put("/v1/forums/calm/threads/t1/response-mode",
                              json={"actor_id": "u42", "mode": "diary"},
                              headers=world.auth("calm:platform"))
    assert closed.status_code == 200, closed.text
    refused = _give(world, "p2", "u9", "thank_you")
    assert refused.status_code == 403
    assert refused.json()["detail"] == (
        "This is a diary post: the author is writing for themselves and has turned replies "
        "and reactions off.")

    world.send([post_created("e3", "p3", thread="t2", author="u7")])
    assert _give(world, "p3", "u42", "thank_you").status_code == 201


def test_a_key_of_another_forum_cannot_react_here(world: World) -> None:
    _thread_with_reply(world)
    response = world.client.post(URL.format(post="p2"), json={"member_id": "u42",
                                 "kind": "thank_you"}, headers=world.auth("other:platform"))
    assert response.status_code == 404
    assert world.client.post(URL.format(post="p2"), json={"member_id": "u42",
                             "kind": "thank_you"}).status_code == 401
    assert world.client.post(URL.format(post="p2"), json={"member_id": "u42",
                             "kind": "thank_you"},
                             headers=world.auth("calm:moderator")).status_code == 403


def test_reactions_are_off_when_the_plugin_is_switched_off(world: World) -> None:
    _thread_with_reply(world)
    world.client.put("/v1/forums/calm/plugins/gratitude", json={"enabled": False},
                     headers=world.auth("calm:admin"))
    response = _give(world, "p2", "u42", "thank_you")
    assert response.status_code == 404
    assert response.json() == {"detail": "the gratitude feature is switched off for this forum"}


def test_erasing_a_member_removes_reactions_they_gave_and_received(world: World) -> None:
    _thread_with_reply(world)
    world.send([post_created("e3", "p3", thread="t2", author="u9")])
    _give(world, "p2", "u42", "thank_you")   # u42 thanks u7
    _give(world, "p3", "u42", "me_too")      # u42 on u9's thread
    _give(world, "p3", "u7", "me_too")       # u7 on u9's thread
    erased = world.client.delete("/v1/forums/calm/members/u7",
                                 headers=world.auth("calm:platform"))
    assert erased.json()["erased"] is True
    shown = world.client.post("/v1/forums/calm/gratitude/shown",
                              json={"post_ids": ["p2", "p3"]},
                              headers=world.auth("calm:platform")).json()
    assert shown["unknown"] == ["p2"]  # u7's reply went with them
    assert shown["posts"]["p3"]["counts"]["me_too"] == 1  # only u42's is left
