"""The pre-check: GET permissions answers whether a member may reply or react now, and why
not in words a member reads; the thread.permissions facet gives the same answer."""

from __future__ import annotations

from datetime import timedelta

import pytest

from forumkit.db import session_scope
from forumkit.forums import repository as forums
from forumkit.mirror import repository as mirror
from forumkit.plugins.response_modes.facets import THREAD_PERMISSIONS, THREAD_RESPONSE_MODE
from tests.plugins.response_modes.conftest import diary, permissions, set_mode
from tests.support.world import World, post_created

MODES = [
    # mode, may someone else reply, may they react
    ("open", True, True),
    ("reactions_only", False, True),
    ("diary", False, False),
    ("held", False, True),
    ("moderators_only", False, True),
]


@pytest.mark.parametrize(("mode", "can_reply", "can_react"), MODES)
def test_each_mode_decides_replies_and_reactions_of_others(
    world: World, mode: str, can_reply: bool, can_react: bool
) -> None:
    world.send([post_created("e1", "p1", response_mode=mode)])
    answer = permissions(world, "u7")
    assert answer["response_mode"] == mode
    assert (answer["can_reply"], answer["can_react"]) == (can_reply, can_react)
    if can_reply:
        assert answer["reason"] is None
    else:
        assert answer["reason"] and "author" in answer["reason"]


@pytest.mark.parametrize("mode", [m for m, _, _ in MODES])
def test_the_author_may_always_add_to_their_own_thread(world: World, mode: str) -> None:
    world.send([post_created("e1", "p1", author="u42", response_mode=mode)])
    answer = permissions(world, "u42")
    assert answer == {"can_reply": True, "can_react": True, "reason": None,
                      "response_mode": mode, "opens_at": answer["opens_at"],
                      "post_response_mode": None}


def test_diary_reasons_are_in_plain_member_facing_words(world: World) -> None:
    diary(world)
    answer = permissions(world, "u7")
    assert answer["reason"] == (
        "This is a diary post: the author is writing for themselves and has turned replies "
        "and reactions off."
    )


def test_author_may_allow_reactions_on_a_diary_post(world: World) -> None:
    diary(world)
    changed = set_mode(world, "u42", "diary", allow_reactions=True)
    assert changed.status_code == 200, changed.text
    answer = permissions(world, "u7")
    assert (answer["can_reply"], answer["can_react"]) == (False, True)
    assert "leave a reaction" in answer["reason"]


def test_moderators_may_reply_whatever_the_mode(world: World) -> None:
    diary(world)
    assert permissions(world, "mod1", member_is_staff="true")["can_reply"] is True
    # Staff the platform told us about in its events count too.
    world.send([{"id": "m1", "type": "member.created", "occurred_at": "2026-01-05T02:00:00Z",
                 "member": {"id": "mod2", "is_staff": True}}])
    assert permissions(world, "mod2")["can_reply"] is True
    assert permissions(world, "u7")["can_reply"] is False


def test_moderators_only_admits_moderators_not_members(world: World) -> None:
    world.send([post_created("e1", "p1", response_mode="moderators_only")])
    assert permissions(world, "mod1", member_is_staff="true")["can_reply"] is True
    member = permissions(world, "u7")
    assert member["can_reply"] is False
    assert member["reason"].startswith("The author has asked for replies from moderators only.")


def test_forum_can_stop_staff_replying_against_the_mode(world: World) -> None:
    world.client.put("/v1/forums/calm/plugins/response_modes",
                     json={"settings": {"staff_may_reply": False}},
                     headers=world.auth("calm:admin"))
    diary(world)
    assert permissions(world, "mod1", member_is_staff="true")["can_reply"] is False


def test_held_thread_says_when_replies_open_and_opens_then(world: World, clock) -> None:
    diary(world)
    opens = clock.now() + timedelta(hours=3)
    assert set_mode(world, "u42", "held", opens_at=opens.isoformat()).status_code == 200
    answer = permissions(world, "u7")
    assert answer["can_reply"] is False and answer["can_react"] is True
    assert answer["reason"] == (
        "The author has asked for replies to wait until Monday 5 January 2026 at 05:10 UTC. "
        "You can still leave a reaction to show you've read it."
    )
    assert answer["opens_at"] == "2026-01-05T05:10:00Z"
    clock.advance(timedelta(hours=3))
    # Open at its time, even before the scheduled job has recorded it.
    assert permissions(world, "u7")["can_reply"] is True


def test_held_until_the_author_opens_it(world: World, clock) -> None:
    diary(world)
    set_mode(world, "u42", "held")
    clock.advance(timedelta(days=30))
    answer = permissions(world, "u7")
    assert answer["can_reply"] is False
    assert "until they are ready" in answer["reason"]
    set_mode(world, "u42", "open")
    assert permissions(world, "u7")["can_reply"] is True


def test_unknown_thread_and_unknown_member_are_answered(world: World) -> None:
    assert permissions(world, "u7", thread="never-seen") == {
        "can_reply": True, "can_react": True, "reason": None, "response_mode": "open",
        "opens_at": None, "post_response_mode": None,
    }
    diary(world)
    # A reader ForumKit has never seen is not the author.
    assert permissions(world, "someone-new")["can_reply"] is False
    assert permissions(world, None)["can_reply"] is False


def test_a_locked_thread_takes_no_replies(world: World) -> None:
    world.send([post_created("e1", "p1", thread_closed=True)])
    answer = permissions(world, "u7")
    assert answer["can_reply"] is False
    assert answer["reason"] == "This thread is closed to new replies."


def test_permissions_need_a_platform_key_of_this_forum(world: World) -> None:
    url = "/v1/forums/calm/permissions?thread_id=t1&member_id=u7"
    assert world.client.get(url).status_code == 401
    assert world.client.get(url, headers=world.auth("calm:moderator")).status_code == 403
    assert world.client.get(url, headers=world.auth("other:platform")).status_code == 404


def test_facets_give_other_plugins_the_same_answer(world: World) -> None:
    diary(world, thread="t1")
    world.send([post_created("e2", "t2-p1", thread="t2", response_mode="reactions_only")])
    registry = world.services.registry
    with session_scope(world.services.engine) as session:
        forum = forums.by_slug(session, "calm")
        assert forum is not None and forum.id is not None
        t1 = mirror.get_thread(session, forum.id, "t1")
        t2 = mirror.get_thread(session, forum.id, "t2")
        reader = mirror.member_for(session, forum.id, forum.member_secret, "u42")
        assert t1 is not None and t2 is not None and t1.id and t2.id
        # What another plugin on this forum is given: the facets of its context.
        facets = registry.context(session, forum, "response_modes",
                                  world.services.clock.now()).facets
        modes = facets.get(THREAD_RESPONSE_MODE, session, forum, [t1.id, t2.id])
        asked = facets.ask(THREAD_PERMISSIONS)(session, forum, t2, None,
                           world.services.clock.now())
        author = facets.ask(THREAD_PERMISSIONS)(session, forum, t1, reader,
                            world.services.clock.now())
    assert modes == {t1.id: "diary", t2.id: "reactions_only"}
    route = permissions(world, None, thread="t2")
    assert asked == {k: route[k] for k in ("can_reply", "can_react", "reason", "response_mode")}
    assert author["can_reply"] is True


def test_the_answer_is_the_documented_model_exactly(world: World, clock) -> None:
    from forumkit.plugins.response_modes.routes import PermissionsOut

    diary(world)
    opens = clock.now() + timedelta(hours=2)
    set_mode(world, "u42", "held", opens_at=opens.isoformat())
    for answer in (permissions(world, "u7"), permissions(world, None, thread="t-unseen")):
        assert PermissionsOut.model_validate(answer).model_dump(mode="json") == answer
    held = permissions(world, "u7")
    assert held["opens_at"] == opens.isoformat().replace("+00:00", "Z")
    assert held["post_response_mode"] is None
