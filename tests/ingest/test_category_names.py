"""Subforum names sent beside category_id: the newest kept per forum and subforum, on one
line, and nothing else about the subforum."""

from __future__ import annotations

from typing import Any

from forumkit.db import session_scope
from forumkit.forums.repository import by_slug
from forumkit.mirror import categories
from tests.support.world import World, post_created


def _names(world: World, forum: str = "calm") -> dict[str, str]:
    with session_scope(world.services.engine) as session:
        row = by_slug(session, forum)
        assert row is not None and row.id is not None
        return categories.all_names(session, row.id)


def _thread(event_id: str, at: str, **thread: Any) -> dict[str, Any]:
    return {"id": event_id, "type": "thread.updated", "occurred_at": at,
            "thread": {"id": "t1", **thread}}


def test_each_forum_keeps_its_own_names_on_one_line(world: World) -> None:
    assert world.send([post_created("e1", "p1", category_id="c-1",
                                    category_name="  Night\nowls \t ")]).status_code == 200
    world.send([post_created("e1", "p1", category_id="c-1", category_name="Carers")],
               forum="other")
    assert _names(world) == {"c-1": "Night owls"}
    assert _names(world, "other") == {"c-1": "Carers"}


def test_the_newest_name_wins_and_the_later_of_one_batch_at_the_same_moment(
    world: World
) -> None:
    at = "2026-01-05T03:00:00Z"
    world.send([_thread("e1", at, category_id="c-1", category_name="First"),
                _thread("e2", at, category_id="c-1", category_name="Second"),
                _thread("e3", "2026-01-05T02:00:00Z", category_id="c-1",
                        category_name="Older")])
    assert _names(world) == {"c-1": "Second"}
    world.send([_thread("e4", "2026-01-05T04:00:00Z", category_id="c-1",
                        category_name="Renamed")])
    assert _names(world) == {"c-1": "Renamed"}


def test_a_name_needs_its_id_and_a_name_too_long_is_refused(world: World) -> None:
    world.send([_thread("e1", "2026-01-05T03:00:00Z", category_name="No id")])
    assert _names(world) == {}
    refused = world.send([_thread("e2", "2026-01-05T03:00:00Z", category_id="c-1",
                                  category_name="x" * 201)])
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"][-1] == "category_name"
    assert _names(world) == {}


def _category(event_id: str, at: str, category: str, name: Any) -> dict[str, Any]:
    return {"id": event_id, "type": "category.updated", "occurred_at": at,
            "category": {"id": category, "name": name}}


def test_a_category_updated_names_a_subforum_by_the_same_rule_as_a_post(world: World) -> None:
    response = world.send([_category("e1", "2026-01-05T03:00:00Z", "c-1", " Night \n owls ")])
    assert response.json() == {"applied": 1, "duplicates": 0}
    assert _names(world) == {"c-1": "Night owls"}
    # A post's older name does not undo it; a later one, from either kind of event, wins.
    world.send([post_created("e2", "p1", at="2026-01-05T02:00:00Z", category_id="c-1",
                             category_name="Older")])
    assert _names(world) == {"c-1": "Night owls"}
    world.send([post_created("e3", "p2", at="2026-01-05T04:00:00Z", category_id="c-1",
                             category_name="Night shift")])
    assert _names(world) == {"c-1": "Night shift"}
    world.send([_category("e4", "2026-01-05T05:00:00Z", "c-1", "Awake at night")])
    assert _names(world) == {"c-1": "Awake at night"}
    # Sent again: a duplicate, and nothing else of the mirror is touched.
    again = world.send([_category("e4", "2026-01-05T05:00:00Z", "c-1", "Awake at night")])
    assert again.json() == {"applied": 0, "duplicates": 1}


def test_a_category_updated_needs_an_id_and_a_name_that_is_not_blank(world: World) -> None:
    for bad, field in [(_category("e1", "2026-01-05T03:00:00Z", "c-1", "  \n "), "name"),
                       (_category("e2", "2026-01-05T03:00:00Z", "", "Carers"), "id"),
                       (_category("e3", "2026-01-05T03:00:00Z", "c-1", "x" * 201), "name")]:
        refused = world.send([bad])
        assert refused.status_code == 422, bad
        assert refused.json()["detail"][0]["loc"][-1] == field
    assert _names(world) == {}
