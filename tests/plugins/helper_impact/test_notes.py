"""Impact notes: the person helped tells the helper what changed, with privacy choices."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from tests.plugins.helper_impact.conftest import Facts, messages
from tests.support.world import World, post_created

NOTE = "I tried your breathing exercise and slept for the first time this week"


def _thread(world: World) -> None:
    # u42 asks; u7 replies to the thread; u9 replies to u7's reply.
    world.send([
        post_created("e1", "p1", author="u42"),
        post_created("e2", "p2", author="u7", first=False, at="2026-01-05T02:20:00Z"),
        post_created("e3", "p3", author="u9", first=False, reply_to_id="p2",
                     at="2026-01-05T02:25:00Z"),
    ])


def _note(world: World, post: str, member: str, text: str = NOTE, **options: Any) -> Any:
    return world.client.post(
        f"/v1/forums/calm/posts/{post}/impact-notes",
        json={"member_id": member, "text": text, **options},
        headers=world.auth("calm:platform"),
    )


def test_the_thread_author_leaves_a_note_and_the_helper_is_told(
    world: World, facts: Facts
) -> None:
    _thread(world)
    response = _note(world, "p2", "u42")
    assert response.status_code == 201, response.text
    note = response.json()
    assert note["text"] == NOTE
    assert note["post_id"] == "p2" and note["thread_id"] == "t1"
    assert note["anonymous"] is False and note["public"] is False
    assert note["from_post_id"] == "p1"  # the forum shows it as from p1's author

    [message] = messages(world, "helper_impact.note")
    assert message["payload"]["about_post_id"] == "p2"  # reaches p2's author, u7
    assert NOTE in message["payload"]["text"]
    assert message["payload"]["text"].startswith("A member you helped shared")
    assert message["payload"]["from_post_id"] == "p1"  # the forum may name p1's author


def test_an_anonymous_note_does_not_say_who_wrote_it(world: World, facts: Facts) -> None:
    _thread(world)
    note = _note(world, "p2", "u42", anonymous=True).json()
    assert note["from_post_id"] is None
    [message] = messages(world, "helper_impact.note")
    assert message["payload"]["text"].startswith("Someone shared")
    assert message["payload"]["anonymous"] is True
    assert message["payload"]["from_post_id"] is None


def test_the_member_a_reply_answered_may_leave_a_note_but_others_may_not(
    world: World, facts: Facts
) -> None:
    _thread(world)
    assert _note(world, "p3", "u7").status_code == 201  # p3 answered u7's reply
    stranger = _note(world, "p2", "u5")
    assert stranger.status_code == 403
    assert stranger.json()["detail"] == (
        "Only the person this reply was written for can leave a note on it.")
    world.client.put("/v1/forums/calm/plugins/helper_impact",
                     json={"settings": {"notes_from": "any_member"}},
                     headers=world.auth("calm:admin"))
    assert _note(world, "p2", "u5").status_code == 201


def test_notes_on_ones_own_reply_on_a_first_post_or_twice_are_refused(
    world: World, facts: Facts
) -> None:
    _thread(world)
    own = _note(world, "p2", "u7")
    assert own.status_code == 403 and "your own reply" in own.json()["detail"]
    first = _note(world, "p1", "u7")
    assert first.status_code == 422
    assert _note(world, "p404", "u42").status_code == 404
    assert _note(world, "p2", "u42").status_code == 201
    again = _note(world, "p2", "u42", text="Another go")
    assert again.status_code == 409
    too_long = _note(world, "p2", "u42", text="x" * 501)
    assert too_long.status_code == 422


def test_only_public_notes_are_listed_under_a_reply(world: World, facts: Facts) -> None:
    _thread(world)
    world.client.put("/v1/forums/calm/plugins/helper_impact",
                     json={"settings": {"notes_from": "any_member"}},
                     headers=world.auth("calm:admin"))
    _note(world, "p2", "u42", text="Private thanks")
    _note(world, "p2", "u9", text="Public and named", public=True)
    _note(world, "p2", "u5", text="Public and anonymous", public=True, anonymous=True)
    listed = world.client.get("/v1/forums/calm/posts/p2/impact-notes",
                              headers=world.auth("calm:platform")).json()["notes"]
    assert [n["text"] for n in listed] == ["Public and named", "Public and anonymous"]
    assert listed[0]["from_post_id"] == "p3"
    assert listed[1]["from_post_id"] is None


def test_a_note_passes_through_the_content_warning_suggester(
    world: World, facts: Facts
) -> None:
    facts.words = {"overdose": "overdose", "cutting": "self-harm"}
    _thread(world)
    note = _note(world, "p2", "u42", text="I stopped cutting after reading this",
                 public=True).json()
    assert note["labels"] == ["self-harm"]
    assert note["suggested_labels"] == [{"key": "self-harm", "matched": ["cutting"]}]
    listed = world.client.get("/v1/forums/calm/posts/p2/impact-notes",
                              headers=world.auth("calm:platform")).json()["notes"]
    assert listed[0]["labels"] == ["self-harm"]  # so the forum can blur it as it would a post


def test_a_helper_who_turned_note_messages_off_is_not_messaged(
    world: World, facts: Facts
) -> None:
    _thread(world)
    prefs = world.client.put("/v1/forums/calm/members/u7/impact-preferences",
                             json={"note_messages": False}, headers=world.auth("calm:platform"))
    assert prefs.json() == {"digest": True, "note_messages": False}
    assert _note(world, "p2", "u42").status_code == 201
    assert messages(world, "helper_impact.note") == []


def test_the_writer_can_take_their_note_back(world: World, facts: Facts) -> None:
    _thread(world)
    _note(world, "p2", "u42", public=True)
    url = "/v1/forums/calm/posts/p2/impact-notes/mine"
    platform = world.auth("calm:platform")
    assert world.client.delete(url, params={"member_id": "u42"},
                               headers=platform).json() == {"withdrawn": True}
    assert world.client.delete(url, params={"member_id": "u42"},
                               headers=platform).json() == {"withdrawn": False}
    listed = world.client.get("/v1/forums/calm/posts/p2/impact-notes", headers=platform)
    assert listed.json()["notes"] == []
    assert _note(world, "p2", "u42", text="A new note").status_code == 201


def test_note_text_is_never_logged(
    world: World, facts: Facts, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    _thread(world)
    assert _note(world, "p2", "u42").status_code == 201
    logged = caplog.text + "\n".join(repr(r.__dict__) for r in caplog.records)
    assert "breathing exercise" not in logged
