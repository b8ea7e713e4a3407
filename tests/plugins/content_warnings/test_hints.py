"""Render hints: what each reader sees of each post, by preference, default and label."""

from __future__ import annotations

from tests.plugins.content_warnings.helpers import hints, prefer, put_labels, settings
from tests.support.world import World, post_created

CALM = "Thanks for listening today."


def _page(world: World) -> None:
    """p1 unlabelled, p2 self-harm, p3 self-harm + suicide, p4 bereavement; all by u42."""
    world.send([
        post_created("e1", "p1", body=CALM),
        post_created("e2", "p2", first=False, content_warnings=["self-harm"], body=CALM),
        post_created("e3", "p3", first=False, content_warnings=["self-harm", "suicide"],
                     body=CALM),
        post_created("e4", "p4", first=False, content_warnings=["bereavement"], body=CALM),
    ])


def _displays(answer: dict) -> dict[str, str]:
    return {pid: hint["display"] for pid, hint in answer["posts"].items()}


def test_anonymous_readers_get_the_forum_default_for_anonymous_readers(world: World) -> None:
    _page(world)
    answer = hints(world, None, ["p1", "p2", "p3", "p4"])
    assert _displays(answer) == {"p1": "show", "p2": "blur", "p3": "blur", "p4": "blur"}
    assert answer["posts"]["p1"] == {"display": "show", "labels": [], "notice": None,
                                     "support": False}
    # Labels come in the taxonomy's order, whatever order they were given in.
    assert answer["posts"]["p3"]["labels"] == [{"key": "suicide", "name": "Suicide"},
                                               {"key": "self-harm", "name": "Self-harm"}]
    assert answer["posts"]["p3"]["notice"] == (
        "Content warning: Suicide, Self-harm. The post is covered; choose to show it when you "
        "feel ready.")
    assert answer["unknown"] == []

    settings(world, anonymous_default="hide", member_default="show")
    answer = hints(world, None, ["p1", "p2"])
    assert _displays(answer) == {"p1": "show", "p2": "hide"}
    assert answer["posts"]["p2"]["notice"] == (
        "A post is hidden here because of its content warning: Self-harm.")
    # A signed-in reader without preferences gets the members' default instead.
    assert _displays(hints(world, "u7", ["p2"])) == {"p2": "show"}


def test_a_members_choice_beats_the_forum_default_label_by_label(world: World) -> None:
    _page(world)
    prefer(world, "u7", {"self-harm": "show", "bereavement": "hide"})
    answer = hints(world, "u7", ["p1", "p2", "p3", "p4"])
    # p3 also carries suicide, for which u7 has no choice: the default (blur) wins there.
    assert _displays(answer) == {"p1": "show", "p2": "show", "p3": "blur", "p4": "hide"}
    assert answer["posts"]["p2"]["notice"] == "Content warning: Self-harm."
    # Another member is unaffected by u7's choices.
    assert _displays(hints(world, "u8", ["p2", "p4"])) == {"p2": "blur", "p4": "blur"}


def test_hide_wins_over_blur_and_blur_over_show_on_a_post_with_several_labels(
    world: World,
) -> None:
    _page(world)
    prefer(world, "u7", {"self-harm": "blur", "suicide": "hide"})
    assert _displays(hints(world, "u7", ["p2", "p3"])) == {"p2": "blur", "p3": "hide"}
    prefer(world, "u7", {"self-harm": "show", "suicide": "show"})
    assert _displays(hints(world, "u7", ["p2", "p3"])) == {"p2": "show", "p3": "show"}


def test_preferences_are_replaced_whole_and_read_back(world: World) -> None:
    _page(world)
    prefer(world, "u7", {"self-harm": "hide", "suicide": "hide"})
    answer = prefer(world, "u7", {"suicide": "show"})
    assert answer == {"labels": {"suicide": "show"}, "member_default": "blur",
                      "anonymous_default": "blur"}
    read = world.client.get("/v1/forums/calm/members/u7/preferences",
                            headers=world.auth("calm:platform")).json()
    assert read["labels"] == {"suicide": "show"}
    assert _displays(hints(world, "u7", ["p2"])) == {"p2": "blur"}
    unknown = world.client.get("/v1/forums/calm/members/never-seen/preferences",
                               headers=world.auth("calm:platform")).json()
    assert unknown["labels"] == {}


def test_bad_preferences_are_422(world: World) -> None:
    platform = world.auth("calm:platform")
    for labels in ({"spiders": "hide"}, {"suicide": "maybe"}):
        response = world.client.put("/v1/forums/calm/members/u7/preferences",
                                    json={"labels": labels}, headers=platform)
        assert response.status_code == 422, labels


def test_authors_always_see_their_own_posts(world: World) -> None:
    _page(world)
    prefer(world, "u42", {"self-harm": "hide"})
    answer = hints(world, "u42", ["p2"])
    assert answer["posts"]["p2"]["display"] == "show"
    assert answer["posts"]["p2"]["notice"] == "Your post carries a content warning: Self-harm."


def test_unknown_posts_are_reported_not_errors(world: World) -> None:
    _page(world)
    answer = hints(world, "u7", ["p1", "p404", "p2", "p404"])
    assert list(answer["posts"]) == ["p1", "p2"]
    assert answer["unknown"] == ["p404"]
    # A post of another forum is unknown here.
    world.send([post_created("x1", "px", body=CALM)], forum="other")
    assert hints(world, None, ["px"])["unknown"] == ["px"]


def test_a_batch_is_limited_to_200_posts(world: World) -> None:
    platform = world.auth("calm:platform")
    ok = world.client.post("/v1/forums/calm/render-hints", headers=platform,
                           json={"reader_id": None, "post_ids": [f"p{i}" for i in range(200)]})
    assert ok.status_code == 200 and len(ok.json()["unknown"]) == 200
    too_many = world.client.post("/v1/forums/calm/render-hints", headers=platform,
                                 json={"reader_id": None,
                                       "post_ids": [f"p{i}" for i in range(201)]})
    assert too_many.status_code == 422
    assert world.client.post("/v1/forums/calm/render-hints",
                             json={"post_ids": ["p1"]}).status_code == 401


def test_only_applied_labels_count_not_pending_suggestions(world: World) -> None:
    world.send([post_created("e1", "p1", body="The funeral was yesterday.")])
    assert hints(world, None, ["p1"])["posts"]["p1"]["display"] == "show"
    put_labels(world, "p1", "author", "u42", ["bereavement"])
    assert hints(world, None, ["p1"])["posts"]["p1"]["display"] == "blur"


def test_with_content_warnings_off_render_hints_are_not_found(world: World) -> None:
    _page(world)
    world.client.put("/v1/forums/calm/plugins/content_warnings", json={"enabled": False},
                     headers=world.auth("calm:admin"))
    response = world.client.post("/v1/forums/calm/render-hints", headers=world.auth(
        "calm:platform"), json={"reader_id": None, "post_ids": ["p2", "p9"]})
    assert (response.status_code, response.json()) == (404, {
        "detail": "the content_warnings feature is switched off for this forum"})
