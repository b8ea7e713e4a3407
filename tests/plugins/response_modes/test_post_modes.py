"""Where the platform lets authors set a mode per post: replies to that post and reactions
on it follow the post's mode, inside its thread's."""

from __future__ import annotations

from tests.plugins.response_modes.conftest import delivered, permissions, reply
from tests.support.receiver import Receiver
from tests.support.world import World, post_created


def _thread_with_diary_reply(world: World) -> None:
    world.send([post_created("e1", "p1", author="u42")])
    reply(world, "r1", author="u7", response_mode="diary", at="2026-01-05T02:30:00Z")


def test_a_reply_can_be_a_diary_entry_of_its_own(world: World) -> None:
    _thread_with_diary_reply(world)
    answer = permissions(world, "u8", post_id="r1")
    assert (answer["can_reply"], answer["can_react"]) == (False, False)
    assert answer["response_mode"] == "open"
    assert answer["post_response_mode"] == "diary"
    assert answer["reason"].startswith("This is a diary post")
    # Its author may add to it; the rest of the thread stays open.
    assert permissions(world, "u7", post_id="r1")["can_reply"] is True
    elsewhere = permissions(world, "u8")
    assert (elsewhere["can_reply"], elsewhere["post_response_mode"]) == (True, None)


def test_the_thread_mode_still_holds_around_an_open_post(world: World) -> None:
    world.send([post_created("e1", "p1", author="u42", response_mode="reactions_only")])
    reply(world, "r1", author="mod1", author_is_staff=True, response_mode="open")
    answer = permissions(world, "u8", post_id="r1")
    assert (answer["can_reply"], answer["can_react"]) == (False, True)
    assert answer["reason"].startswith("The author has asked for reactions only")


def test_replies_to_a_diary_reply_are_hidden_kindly(world: World, platform: Receiver) -> None:
    _thread_with_diary_reply(world)
    reply(world, "r2", author="u8", reply_to_id="r1")
    reply(world, "r3", author="u7", reply_to_id="r1", at="2026-01-05T03:10:00Z")
    reply(world, "r4", author="u8", at="2026-01-05T03:20:00Z")
    sent = delivered(world, platform, "hide_post", "message_member")
    assert [(s["type"], s["data"]["post_id"]) for s in sent] == [("hide_post", "r2")]
    [hide] = sent
    assert "Thank you" in hide["data"]["message"]
    assert hide["data"]["reason"] == (
        "Hidden because the post's author chose a diary post; the reply breaks no rule."
    )


def test_an_edit_can_open_a_post_again(world: World, platform: Receiver) -> None:
    _thread_with_diary_reply(world)
    world.send([{"id": "e9", "type": "post.edited", "occurred_at": "2026-01-05T02:40:00Z",
                 "post": {"id": "r1", "response_mode": "open"}}])
    assert permissions(world, "u8", post_id="r1")["can_reply"] is True
    reply(world, "r2", author="u8", reply_to_id="r1")
    assert delivered(world, platform, "hide_post") == []


def test_a_post_of_another_thread_is_refused(world: World) -> None:
    _thread_with_diary_reply(world)
    world.send([post_created("e5", "q1", thread="t2")])
    response = world.client.get(
        "/v1/forums/calm/permissions",
        params={"thread_id": "t2", "member_id": "u8", "post_id": "r1"},
        headers=world.auth("calm:platform"),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "post_id"]
