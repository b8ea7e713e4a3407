"""The pre-check for a thread ForumKit has not seen yet: the platform says where the thread
is (`category_id`, `tags`, `author_id`) and is answered as it will be once the thread's first
post arrives; for a thread ForumKit has seen, what it knows wins."""

from __future__ import annotations

from typing import Any

import pytest

from forumkit.db import session_scope
from forumkit.forums import repository as forums
from forumkit.plugins.response_modes import service
from forumkit.plugins.response_modes.facets import THREAD_PERMISSIONS
from tests.plugins.response_modes.conftest import permissions
from tests.support.world import World, post_created

URL = "/v1/forums/calm/permissions"
ANSWER = ("can_reply", "can_react", "reason", "response_mode", "opens_at")


def _modes(world: World, **values: Any) -> None:
    response = world.client.put("/v1/forums/calm/plugins/response_modes",
                                json={"settings": values}, headers=world.auth("calm:admin"))
    assert response.status_code == 200, response.text


def _ask(world: World, params: list[tuple[str, str]]) -> Any:
    return world.client.get(URL, params=params, headers=world.auth("calm:platform"))


def test_an_unseen_thread_in_a_diary_subforum_refuses_replies(world: World) -> None:
    _modes(world, category_modes={"c-diary": "diary"})
    answer = permissions(world, "u7", thread="t-new", category_id="c-diary")
    assert (answer["can_reply"], answer["can_react"]) == (False, False)
    assert answer["response_mode"] == "diary"
    assert answer["reason"] == (
        "This is a diary post: the author is writing for themselves and has turned replies "
        "and reactions off."
    )
    # Another subforum is not a diary space.
    assert permissions(world, "u7", thread="t-new", category_id="c-anxiety")["can_reply"]


def test_the_hinted_answer_is_the_one_given_once_the_thread_is_seen(world: World) -> None:
    _modes(world, category_modes={"c-quiet": "reactions_only"})
    cases = [
        ("t-a", {"category_id": "c-quiet"}),
        ("t-b", {"tags": ["diary"]}),
        # A tag's mode comes before the subforum's, at ingest and here.
        ("t-c", {"tags": ["other", "diary"], "category_id": "c-quiet"}),
        ("t-d", {"tags": ["other"], "category_id": "c-anxiety"}),
    ]
    before = {t: permissions(world, "u7", thread=t, **hints) for t, hints in cases}
    assert [before[t]["response_mode"] for t, _ in cases] == [
        "reactions_only", "diary", "diary", "open"]
    for number, (thread, hints) in enumerate(cases):
        sent = world.send([post_created(f"e{number}", f"{thread}-p1", thread=thread, **hints)])
        assert sent.status_code == 200, sent.text
        after = permissions(world, "u7", thread=thread)
        assert {k: after[k] for k in ANSWER} == {k: before[thread][k] for k in ANSWER}, thread


def test_an_unseen_thread_without_hints_takes_the_forum_default(world: World) -> None:
    assert permissions(world, "u7", thread="t-new") == {
        "can_reply": True, "can_react": True, "reason": None, "response_mode": "open",
        "opens_at": None, "post_response_mode": None,
    }
    _modes(world, default_mode="reactions_only", category_modes={"c-diary": "diary"})
    answer = permissions(world, "u7", thread="t-new", category_id="c-elsewhere")
    assert (answer["response_mode"], answer["can_reply"]) == ("reactions_only", False)


def test_the_author_of_an_unseen_diary_thread_may_still_add_to_it(world: World) -> None:
    _modes(world, category_modes={"c-diary": "diary"})
    own = permissions(world, "u42", thread="t-new", category_id="c-diary", author_id="u42")
    assert (own["can_reply"], own["reason"], own["response_mode"]) == (True, None, "diary")
    other = permissions(world, "u7", thread="t-new", category_id="c-diary", author_id="u42")
    assert other["can_reply"] is False
    assert permissions(world, None, thread="t-new", category_id="c-diary",
                       author_id="u42")["can_reply"] is False


def test_for_a_thread_forumkit_has_seen_the_hints_are_ignored(world: World) -> None:
    _modes(world, category_modes={"c-diary": "diary"})
    world.send([post_created("e1", "p1", thread="t1", author="u42", category_id="c-anxiety")])
    answer = permissions(world, "u7", thread="t1", category_id="c-diary", tags=["diary"],
                         author_id="u7")
    assert (answer["response_mode"], answer["can_reply"]) == ("open", True)
    world.send([post_created("e2", "p2", thread="t2", author="u42", category_id="c-diary")])
    # Nor can a hint make someone else the author of a diary thread ForumKit knows.
    answer = permissions(world, "u7", thread="t2", category_id="c-anxiety", author_id="u7")
    assert (answer["response_mode"], answer["can_reply"]) == ("diary", False)


def test_tags_are_taken_as_a_repeated_parameter(world: World) -> None:
    answer = _ask(world, [("thread_id", "t-new"), ("tags", "grief"), ("tags", "diary")])
    assert answer.status_code == 200, answer.text
    assert answer.json()["response_mode"] == "diary"
    # Tags are matched whole, as at ingest: a comma is part of a tag.
    joined = _ask(world, [("thread_id", "t-new"), ("tags", "grief,diary")])
    assert joined.json()["response_mode"] == "open"


@pytest.mark.parametrize(("params", "field"), [
    ([("category_id", "")], "category_id"),
    ([("category_id", "c" * 201)], "category_id"),
    ([("tags", "")], "tags"),
    ([("tags", "t" * 101)], "tags"),
    ([("tags", f"tag{i}") for i in range(101)], "tags"),
    ([("tags", "bad\x00tag")], "tags"),
    ([("author_id", "")], "author_id"),
])
def test_bad_hints_are_refused_with_the_field_named(
    world: World, params: list[tuple[str, str]], field: str
) -> None:
    response = _ask(world, [("thread_id", "t-new"), ("member_id", "u7"), *params])
    assert response.status_code == 422, response.text
    assert {problem["loc"][1] for problem in response.json()["detail"]} == {field}


def test_limits_are_those_of_events(world: World) -> None:
    longest = [("category_id", "c" * 200), *[("tags", f"{i:0>100}") for i in range(100)]]
    assert _ask(world, [("thread_id", "t-new"), *longest]).status_code == 200


def test_the_facet_answers_an_unseen_thread_as_the_route_does(world: World) -> None:
    _modes(world, category_modes={"c-diary": "diary"})
    route = permissions(world, "u7", thread="t-new", category_id="c-diary")
    plain = permissions(world, "u7", thread="t-new")
    with session_scope(world.services.engine) as session:
        forum = forums.by_slug(session, "calm")
        assert forum is not None and forum.id is not None
        facets = world.services.registry.context(session, forum, "response_modes",
                                                 world.services.clock.now()).facets
        ask = facets.ask(THREAD_PERMISSIONS)
        hinted = ask(session, forum, service.unseen_thread(forum.id, "t-new",
                                                           category_id="c-diary", tags=[]),
                     None, world.services.clock.now())
        unknown = ask(session, forum, None, None, world.services.clock.now())
    assert hinted == {k: route[k] for k in ANSWER if k != "opens_at"}
    assert unknown == {k: plain[k] for k in ANSWER if k != "opens_at"}
