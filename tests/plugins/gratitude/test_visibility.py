"""Counts shown to everyone, or only to the post's author; each reader sees their own."""

from __future__ import annotations

from tests.support.world import World, post_created


def _setup(world: World, visible: str) -> None:
    world.client.put("/v1/forums/calm/plugins/gratitude",
                     json={"settings": {"counts_visible": visible}},
                     headers=world.auth("calm:admin"))
    world.send([post_created("e1", "p1", author="u42"),
                post_created("e2", "p2", author="u7", first=False)])
    for member in ("u42", "u9"):
        world.client.post("/v1/forums/calm/posts/p2/reactions",
                          json={"member_id": member, "kind": "this_helped"},
                          headers=world.auth("calm:platform"))


def _shown(world: World, reader: str | None) -> dict:
    return world.client.post(
        "/v1/forums/calm/gratitude/shown",
        json={"reader_id": reader, "post_ids": ["p1", "p2", "p404"]},
        headers=world.auth("calm:platform"),
    ).json()


def test_counts_are_shown_to_every_reader_by_default(world: World) -> None:
    _setup(world, "everyone")
    shown = _shown(world, None)
    assert shown["posts"]["p2"]["counts"]["this_helped"] == 2
    assert shown["posts"]["p2"]["hidden"] is False
    assert shown["posts"]["p1"]["total"] == 0
    assert shown["unknown"] == ["p404"]


def test_hidden_counts_are_shown_only_to_the_posts_author(world: World) -> None:
    _setup(world, "author")
    author = _shown(world, "u7")["posts"]["p2"]
    assert author["counts"]["this_helped"] == 2
    assert author["hidden"] is False

    giver = _shown(world, "u42")["posts"]["p2"]
    assert giver["counts"] is None and giver["total"] is None
    assert giver["hidden"] is True
    assert giver["mine"] == ["this_helped"]  # their own button still shows pressed

    anonymous = _shown(world, None)["posts"]["p2"]
    assert anonymous["counts"] is None

    single = world.client.get("/v1/forums/calm/posts/p2/reactions",
                              params={"reader_id": "u9"}, headers=world.auth("calm:platform"))
    assert single.json() == {"counts": None, "total": None, "mine": ["this_helped"],
                             "hidden": True}


def test_the_giver_is_not_shown_hidden_counts_in_the_answer_to_their_reaction(
    world: World,
) -> None:
    _setup(world, "author")
    response = world.client.post("/v1/forums/calm/posts/p2/reactions",
                                 json={"member_id": "u3", "kind": "thank_you"},
                                 headers=world.auth("calm:platform"))
    assert response.status_code == 201
    assert response.json()["counts"] is None
    assert response.json()["mine"] == ["thank_you"]
