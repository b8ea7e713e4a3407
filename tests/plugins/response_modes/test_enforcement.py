"""After the fact, for platforms that cannot ask first: a reply against the mode is hidden
with a kind note to its writer, through the generic adapter to a real local receiver."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from forumkit import signing as signature
from tests.plugins.response_modes.conftest import (
    delivered,
    diary,
    queued,
    reply,
    set_mode,
)
from tests.support.receiver import Receiver
from tests.support.world import World, post_created


def test_reply_to_a_diary_post_is_hidden_and_its_writer_told_kindly(
    world: World, platform: Receiver
) -> None:
    diary(world)
    reply(world, "r1")
    [hide] = delivered(world, platform, "hide_post", "message_member")
    assert hide["type"] == "hide_post"
    assert hide["data"]["post_id"] == "r1"
    assert hide["data"]["reason"] == (
        "Hidden because the thread's author chose a diary post; the reply breaks no rule."
    )
    tell = hide  # the kind note travels with the hide, for the platform to show its writer
    text = tell["data"]["message"]
    assert text.startswith("Thank you for wanting to support someone here.")
    assert "You haven't done anything wrong, and nothing changes for your account." in text
    assert "u7" not in tell["data"]["member"]  # a pseudonym, never the platform's id
    # Signed, so the forum knows ForumKit sent it.
    request = next(r for r in platform.received if r.json()["id"] == tell["id"])
    assert signature.verify(secret=world.secrets["calm"], headers=request.headers,
                            body=request.body, now=datetime.now(UTC)) == tell["id"]


@pytest.mark.parametrize(("mode", "words"), [
    ("reactions_only", "The author asked for reactions only"),
    ("held", "The author asked for replies to wait until they are ready"),
    ("moderators_only", "The author asked for replies from moderators only"),
])
def test_replies_against_each_closed_mode_are_hidden(
    world: World, platform: Receiver, mode: str, words: str
) -> None:
    world.client.put("/v1/forums/calm/plugins/response_modes",
                     json={"settings": {"held_default_hours": None}},
                     headers=world.auth("calm:admin"))
    world.send([post_created("e1", "t1-p1", response_mode=mode)])
    reply(world, "r1")
    [hide] = delivered(world, platform, "hide_post", "message_member")
    assert hide["type"] == "hide_post"
    assert words in hide["data"]["message"]


def test_reply_in_an_open_thread_is_left_alone(world: World, platform: Receiver) -> None:
    world.send([post_created("e1", "t1-p1", response_mode="open")])
    reply(world, "r1")
    assert delivered(world, platform) == []


def test_the_authors_own_follow_ups_are_always_allowed(world: World, platform: Receiver) -> None:
    diary(world, author="u42")
    reply(world, "r1", author="u42")
    reply(world, "r2", author="u42", at="2026-01-06T03:00:00Z")
    sent = delivered(world, platform)
    assert [s["type"] for s in sent] == ["set_thread_replies"]  # closed when it was made


def test_moderators_replies_are_left_alone(world: World, platform: Receiver) -> None:
    diary(world)
    reply(world, "r1", author="mod1", author_is_staff=True)
    assert delivered(world, platform, "hide_post", "message_member") == []


def test_reactions_are_never_punished(world: World, platform: Receiver) -> None:
    diary(world)
    world.send([{"id": "x1", "type": "reaction.added", "occurred_at": "2026-01-05T03:00:00Z",
                 "reaction": {"post_id": "t1-p1", "member_id": "u7", "kind": "heart"}}])
    assert delivered(world, platform, "hide_post", "message_member") == []


def test_a_reply_written_before_the_change_stays(
    world: World, platform: Receiver, clock
) -> None:
    world.send([post_created("e1", "t1-p1")])
    clock.set(datetime(2026, 1, 5, 4, 0, tzinfo=UTC))
    assert set_mode(world, "u42", "diary").status_code == 200
    # Written before the author closed replies, delivered to us after: it stays.
    reply(world, "r1", at="2026-01-05T03:59:00Z")
    reply(world, "r2", at="2026-01-05T04:01:00Z")
    hidden = delivered(world, platform, "hide_post")
    assert [h["data"]["post_id"] for h in hidden] == ["r2"]


def test_closing_and_opening_replies_reaches_the_platform(
    world: World, platform: Receiver, clock
) -> None:
    world.send([post_created("e1", "t1-p1")])
    set_mode(world, "u42", "diary")
    clock.advance(timedelta(minutes=5))
    set_mode(world, "u42", "reactions_only")  # still closed: nothing new to say
    clock.advance(timedelta(minutes=5))
    set_mode(world, "u42", "open")
    sent = delivered(world, platform, "set_thread_replies")
    assert [(s["data"]["thread_id"], s["data"]["open"]) for s in sent] == [
        ("t1", False), ("t1", True)]
    closed = sent[0]["data"]
    assert closed["sequence"] < sent[1]["data"]["sequence"]
    assert closed["response_mode"] == "diary"
    assert closed["author_may_post"] is True
    assert closed["reason"].startswith("This is a diary post")


def test_a_platform_that_asks_first_is_trusted(world: World, asking_platform: Receiver) -> None:
    diary(world)
    reply(world, "r1")
    assert delivered(world, asking_platform) == []


def test_forum_may_hide_even_where_the_platform_asks_first(
    world: World, asking_platform: Receiver
) -> None:
    world.client.put("/v1/forums/calm/plugins/response_modes",
                     json={"settings": {"hide_replies_after": "always"}},
                     headers=world.auth("calm:admin"))
    diary(world)
    reply(world, "r1")
    assert [s["type"] for s in delivered(world, asking_platform)] == ["hide_post"]


def test_a_repeated_reply_event_is_hidden_once(world: World, platform: Receiver) -> None:
    diary(world)
    reply(world, "r1")
    world.send([post_created("e-r1-again", "r1", first=False, author="u7")])
    assert len(queued(world, "hide_post")) == 1
    assert len(delivered(world, platform, "hide_post")) == 1
