"""Erasing a member leaves nothing of theirs in any table, the plugins' tables included: the
tables are found from the schema (every column that refers to a member), so a plugin that
adds one is checked without changing this test."""

from __future__ import annotations

import pytest

from forumkit.db import session_scope
from forumkit.forums import repository as forums
from forumkit.identity import member_key
from forumkit.mirror.models import Member
from forumkit.mirror.repository import get_member
from forumkit.plugin import Plugin
from forumkit.registry import Registry, RegistryError
from tests.support.erasure import held
from tests.support.world import World, post_created


def _everything_of_u42(world: World) -> None:
    platform = world.auth("calm:platform")
    world.send([post_created("e1", "p1", author="u42", content_warnings=["self-harm"]),
                post_created("e2", "p2", author="u7", first=False, reply_to_id="p1"),
                post_created("e3", "p3", thread="t2", author="u7")])
    calls = [
        ("put", "/members/u42/preferences", {"labels": {"suicide": "hide"}}),
        ("put", "/members/u42/impact-preferences", {"digest": False}),
        ("put", "/threads/t1/response-mode", {"actor_id": "u42", "mode": "reactions_only"}),
        ("post", "/posts/p2/reactions", {"member_id": "u42", "kind": "thank_you"}),
        ("post", "/posts/p1/reactions", {"member_id": "u7", "kind": "me_too"}),
        ("post", "/posts/p2/impact-notes", {"member_id": "u42", "text": "You helped me",
                                            "public": True}),
        ("post", "/feedback", {"member_id": "u42", "text": "Thank you for this place"}),
        ("put", "/posts/p3/labels", {"by": "moderator", "actor_id": "u42",
                                     "labels": ["self-harm"], "reason": "care"}),
    ]
    for method, path, body in calls:
        response = world.client.request(method, f"/v1/forums/calm{path}", json=body,
                                        headers=platform)
        assert response.status_code < 300, (path, response.text)


def _member_id(world: World, platform_id: str) -> int | None:
    with session_scope(world.services.engine) as session:
        forum = forums.by_slug(session, "calm")
        assert forum is not None and forum.id is not None
        member = get_member(session, forum.id, member_key(forum.member_secret, platform_id))
        return None if member is None else member.id


def _erase_by_route(world: World) -> None:
    response = world.client.delete("/v1/forums/calm/members/u42",
                                   headers=world.auth("calm:platform"))
    assert response.json()["erased"] is True


def _erase_by_event(world: World) -> None:
    # In order: u42's reaction before the deletion is erased with the rest of theirs; the
    # reply to their post after it, by someone else, still counts.
    response = world.send([
        {"id": "d1", "type": "reaction.added", "occurred_at": "2026-01-05T03:00:00Z",
         "reaction": {"post_id": "p3", "member_id": "u42", "kind": "thank_you"}},
        {"id": "d2", "type": "member.deleted", "occurred_at": "2026-01-05T03:01:00Z",
         "member": {"id": "u42"}},
        post_created("d3", "p4", thread="t2", author="u7", first=False, reply_to_id="p3"),
    ])
    assert response.json() == {"applied": 3, "duplicates": 0}


@pytest.mark.parametrize("erase", [_erase_by_route, _erase_by_event])
def test_erasure_leaves_no_row_that_refers_to_the_member(world: World, erase) -> None:
    _everything_of_u42(world)
    member_id = _member_id(world, "u42")
    assert member_id is not None
    with session_scope(world.services.engine) as session:
        before = held(session, member_id)
    # The scenario reaches most tables that hold members (it can fail only if it grows stale).
    assert len(before) >= 6, before
    erase(world)
    with session_scope(world.services.engine) as session:
        assert held(session, member_id) == {}
        assert session.get(Member, member_id) is None
    assert _member_id(world, "u7") is not None


def test_events_naming_a_deleted_member_later_are_acknowledged_and_change_nothing(
    world: World,
) -> None:
    late = [post_created("e1", "p1", author="u42"),
            {"id": "e2", "type": "reaction.added", "occurred_at": "2026-01-05T03:00:00Z",
             "reaction": {"post_id": "p9", "member_id": "u42", "kind": "thank_you"}},
            {"id": "e3", "type": "member.updated", "occurred_at": "2026-01-05T03:00:00Z",
             "member": {"id": "u42", "is_staff": True}}]
    response = world.send([{"id": "d1", "type": "member.deleted",
                            "occurred_at": "2026-01-05T02:00:00Z", "member": {"id": "u42"}},
                           *late[:1]])
    assert response.json() == {"applied": 1, "duplicates": 1}
    assert world.send(late[1:]).json() == {"applied": 0, "duplicates": 2}
    assert _member_id(world, "u42") is None
    # Their post never reached the mirror: the platform is told it is unknown.
    hints = world.client.post("/v1/forums/calm/render-hints", json={"post_ids": ["p1"]},
                              headers=world.auth("calm:platform"))
    assert hints.json()["unknown"] == ["p1"]
    # Others are untouched.
    world.send([post_created("e4", "p2", thread="t2", author="u7")])
    assert _member_id(world, "u7") is not None


def test_a_plugin_that_does_not_say_how_to_erase_a_member_stops_start_up() -> None:
    class Forgetful(Plugin):
        name = "forgetful"

    with pytest.raises(RegistryError, match="plugin 'forgetful' does not erase members"):
        Registry().add_plugin(Forgetful())
