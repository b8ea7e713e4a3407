"""Platform reactions (reaction.added / reaction.removed) count where the forum says so."""

from __future__ import annotations

from typing import Any

from tests.support.world import World, post_created


def _reaction(event_id: str, kind: str, member: str = "u42", post: str = "p2",
              removed: bool = False) -> dict[str, Any]:
    return {"id": event_id, "type": "reaction.removed" if removed else "reaction.added",
            "occurred_at": "2026-01-05T03:00:00Z",
            "reaction": {"post_id": post, "member_id": member, "kind": kind}}


def _counts(world: World, post: str = "p2") -> dict[str, int]:
    return world.client.get(f"/v1/forums/calm/posts/{post}/reactions",
                            headers=world.auth("calm:platform")).json()["counts"]


def _map_likes(world: World) -> None:
    response = world.client.put(
        "/v1/forums/calm/plugins/gratitude",
        json={"settings": {"native_kinds": {"like": "thank_you", "heart": "sending_support"}}},
        headers=world.auth("calm:admin"),
    )
    assert response.status_code == 200, response.text


def _thread(world: World) -> None:
    world.send([post_created("e1", "p1", author="u42"),
                post_created("e2", "p2", author="u7", first=False)])


def test_a_platform_like_is_ignored_until_the_forum_maps_it(world: World) -> None:
    _thread(world)
    world.send([_reaction("r1", "like")])
    assert _counts(world)["thank_you"] == 0

    _map_likes(world)
    world.send([_reaction("r2", "like", member="u9"), _reaction("r3", "heart", member="u9")])
    assert _counts(world)["thank_you"] == 1
    assert _counts(world)["sending_support"] == 1


def test_a_platform_reaction_named_like_a_gratitude_kind_counts_as_that_kind(
    world: World,
) -> None:
    _thread(world)
    world.send([_reaction("r1", "me_too")])
    assert _counts(world)["me_too"] == 1


def test_repeated_and_removed_platform_reactions(world: World) -> None:
    _thread(world)
    _map_likes(world)
    world.send([_reaction("r1", "like"), _reaction("r2", "like")])  # two events, same like
    assert _counts(world)["thank_you"] == 1
    world.send([_reaction("r3", "like", removed=True)])
    assert _counts(world)["thank_you"] == 0


def test_platform_reactions_on_ones_own_post_or_in_a_closed_thread_do_not_count(
    world: World,
) -> None:
    _thread(world)
    world.send([_reaction("r1", "thank_you", member="u7")])  # u7 wrote p2
    assert _counts(world)["thank_you"] == 0

    # The thread's author makes it a diary: no replies, no reactions (response modes says).
    closed = world.client.put("/v1/forums/calm/threads/t1/response-mode",
                              json={"actor_id": "u42", "mode": "diary"},
                              headers=world.auth("calm:platform"))
    assert closed.status_code == 200, closed.text
    world.send([_reaction("r2", "thank_you", member="u9")])
    assert _counts(world)["thank_you"] == 0


def test_a_reaction_that_arrives_before_its_post_counts_once_the_post_is_known(
    world: World,
) -> None:
    world.send([_reaction("r1", "thank_you", member="u9", post="p5")])
    world.send([post_created("e1", "p5", author="u7")])
    assert _counts(world, "p5")["thank_you"] == 1


def test_a_reaction_by_the_author_before_their_post_arrived_never_counts(world: World) -> None:
    world.send([_reaction("r1", "thank_you", member="u7", post="p5")])
    world.send([post_created("e1", "p5", author="u7")])
    assert _counts(world, "p5")["thank_you"] == 0


def test_mapping_to_a_kind_not_in_the_set_is_refused(world: World) -> None:
    response = world.client.put(
        "/v1/forums/calm/plugins/gratitude",
        json={"settings": {"native_kinds": {"like": "hug"}}}, headers=world.auth("calm:admin"),
    )
    assert response.status_code == 422
    assert "not in the set: hug" in response.json()["detail"][0]["msg"]
