"""Labels on a post from its three sources, the rules of each, the history, and the actions
the platform is asked to carry out."""

from __future__ import annotations

from datetime import timedelta

from forumkit.clock import FrozenClock
from tests.plugins.content_warnings.helpers import actions, labels_of, put_labels, settings
from tests.support.world import World, post_created

CALM = "Thanks for listening today."


def _keys(state: dict) -> dict[str, str]:
    return {label["key"]: label["source"] for label in state["labels"]}


def test_author_labels_arrive_with_the_post_and_are_kept_with_who_and_when(
    world: World,
) -> None:
    world.send([post_created("e1", "p1", content_warnings=["self-harm"], body=CALM)])
    state = labels_of(world, "p1")
    assert _keys(state) == {"self-harm": "author"}
    assert state["labels"][0]["since"] == "2026-01-05T02:10:00Z"
    [entry] = state["history"]
    assert (entry["label"], entry["change"], entry["source"]) == ("self-harm", "added", "author")
    tags = actions(world, "set_post_tags")
    assert tags == [{"post_id": "p1", "thread_id": "t1", "add": ["self-harm"], "remove": []}]


def test_author_labels_unknown_to_the_forum_are_ignored_on_events(world: World) -> None:
    response = world.send([post_created("e1", "p1", content_warnings=["spiders", "abuse"],
                                        body=CALM)])
    assert response.status_code == 200
    assert _keys(labels_of(world, "p1")) == {"abuse": "author"}


def test_author_adds_and_removes_labels_later(world: World, clock: FrozenClock) -> None:
    world.send([post_created("e1", "p1", body=CALM)])
    clock.advance(timedelta(minutes=5))
    added = put_labels(world, "p1", "author", "u42", ["abuse", "violence"])
    assert added.status_code == 200, added.text
    assert _keys(added.json()) == {"abuse": "author", "violence": "author"}
    clock.advance(timedelta(minutes=5))
    removed = put_labels(world, "p1", "author", "u42", ["abuse"])
    assert _keys(removed.json()) == {"abuse": "author"}
    changes = [(h["label"], h["change"], h["at"][11:16]) for h in removed.json()["history"]]
    assert changes == [("abuse", "added", "02:15"), ("violence", "added", "02:15"),
                       ("violence", "removed", "02:20")]
    assert actions(world, "set_post_tags")[-1] == {
        "post_id": "p1", "thread_id": "t1", "add": [], "remove": ["violence"]}


def test_an_edit_from_the_platform_takes_off_what_the_author_took_off(world: World) -> None:
    world.send([post_created("e1", "p1", content_warnings=["abuse", "violence"], body=CALM)])
    world.send([{"id": "e2", "type": "post.edited", "occurred_at": "2026-01-05T03:00:00Z",
                 "post": {"id": "p1", "content_warnings": ["abuse"]}}])
    assert _keys(labels_of(world, "p1")) == {"abuse": "author"}


def test_only_the_author_sets_labels_as_the_author(world: World) -> None:
    world.send([post_created("e1", "p1", body=CALM)])
    response = put_labels(world, "p1", "author", "u7", ["abuse"])
    assert response.status_code == 403
    assert _keys(labels_of(world, "p1")) == {}
    assert put_labels(world, "nope", "author", "u42", []).status_code == 404
    unknown = put_labels(world, "p1", "author", "u42", ["spiders"])
    assert unknown.status_code == 422
    assert unknown.json()["detail"][0]["msg"] == "no label 'spiders' in this forum"


def test_author_may_not_remove_labels_where_the_forum_says_so(world: World) -> None:
    settings(world, author_may_remove=False)
    world.send([post_created("e1", "p1", content_warnings=["abuse"], body=CALM)])
    refused = put_labels(world, "p1", "author", "u42", [])
    assert refused.status_code == 403
    assert "does not let authors take labels off" in refused.json()["detail"]
    assert put_labels(world, "p1", "author", "u42", ["abuse", "violence"]).status_code == 200
    # The platform's edit cannot take it off either; it stays.
    world.send([{"id": "e2", "type": "post.edited", "occurred_at": "2026-01-05T03:00:00Z",
                 "post": {"id": "p1", "content_warnings": []}}])
    assert _keys(labels_of(world, "p1")) == {"abuse": "author", "violence": "author"}


def test_moderator_label_needs_a_reason_which_the_author_is_told(world: World) -> None:
    world.send([post_created("e1", "p1", body=CALM)])
    missing = put_labels(world, "p1", "moderator", "mod1", ["abuse"])
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["loc"] == ["body", "reason"]

    done = put_labels(world, "p1", "moderator", "mod1", ["abuse"],
                      reason="Your post describes what your ex did; some readers need warning.")
    assert done.status_code == 200
    [label] = done.json()["labels"]
    assert (label["key"], label["source"]) == ("abuse", "moderator")
    assert label["reason"].startswith("Your post describes")
    [message] = actions(world, "message_member")
    assert message["about_post_id"] == "p1"
    assert message["member"] != "u42" and len(message["member"]) == 64  # the pseudonym
    assert message["text"] == (
        "A moderator added a content warning to your post: Abuse. Why: Your post describes "
        "what your ex did; some readers need warning.")


def test_a_moderator_label_stays_until_a_moderator_removes_it(world: World) -> None:
    world.send([post_created("e1", "p1", content_warnings=["violence"], body=CALM)])
    put_labels(world, "p1", "moderator", "mod1", ["violence", "abuse"], reason="Please see rules")
    refused = put_labels(world, "p1", "author", "u42", ["violence"])
    assert refused.status_code == 403
    assert "only a moderator can take it off" in refused.json()["detail"]
    world.send([{"id": "e2", "type": "post.edited", "occurred_at": "2026-01-05T03:00:00Z",
                 "post": {"id": "p1", "content_warnings": []}}])
    state = labels_of(world, "p1")
    assert _keys(state) == {"abuse": "moderator"}  # the author's own label went

    cleared = put_labels(world, "p1", "moderator", "mod1", [])
    assert cleared.status_code == 200
    assert _keys(cleared.json()) == {}
    assert [(h["label"], h["change"], h["source"]) for h in cleared.json()["history"]][-1] == (
        "abuse", "removed", "moderator")


def test_suggestions_wait_for_the_author_who_is_never_quoted(world: World) -> None:
    world.send([post_created("e0", "p0", thread="t0", body="Hello everyone"),
                post_created("e1", "p1", title="Rough night",
                             body="I used to cut myself years ago and the scars still show.")])
    state = labels_of(world, "p1")
    assert state["labels"] == []
    # What is kept is the list's phrases, never the words of the post.
    assert [(s["key"], s["matched"]) for s in state["suggested"]] == [
        ("self-harm", ["cut myself", "scars"])]
    [message] = actions(world, "message_member")
    assert message["labels"] == ["self-harm"]
    assert "Self-harm" in message["text"]
    assert "cut" not in message["text"] and "because of" not in message["text"]
    assert actions(world, "set_post_tags") == []

    accepted = put_labels(world, "p1", "author", "u42", ["self-harm"])
    assert _keys(accepted.json()) == {"self-harm": "author"}
    assert accepted.json()["suggested"] == []
    assert actions(world, "set_post_tags") == [
        {"post_id": "p1", "thread_id": "t1", "add": ["self-harm"], "remove": []}]


def test_no_offer_after_posting_where_a_message_could_hurt(world: World) -> None:
    world.send([
        post_created("e0", "p0", thread="t0", body="Hello everyone"),  # u42's first post
        post_created("e1", "p1", body="I was cutting myself again last night."),  # high risk
        post_created("e2", "p2", thread="t2", body="My grief is heavy since the funeral.",
                     response_mode="diary"),
        post_created("e3", "p3", thread="t3", author="u8", body="Just a hello"),
        post_created("e4", "p4", thread="t3", author="u42", first=False,
                     body="So sorry, grief after a funeral is so heavy."),  # a reply
        {"id": "e5j", "type": "member.created", "occurred_at": "2026-01-05T01:00:00Z",
         "member": {"id": "u9"}},  # u9 joined an hour ago: their first post is a newcomer's
        post_created("e5", "p5", thread="t5", author="u9", body="Grief since the funeral."),
    ])
    assert actions(world, "message_member") == []
    suggested = {p: [s["key"] for s in labels_of(world, p)["suggested"]]
                 for p in ("p1", "p2", "p4", "p5")}
    assert suggested == {"p1": ["self-harm"], "p2": ["bereavement"], "p4": ["bereavement"],
                         "p5": ["bereavement"]}, "still suggested, for the author to see"


def test_admins_may_allow_the_offer_on_replies(world: World) -> None:
    response = world.client.put("/v1/forums/calm/plugins/content_warnings",
                                json={"settings": {"no_offer_on": ["diary", "high_risk"]}},
                                headers=world.auth("calm:admin"))
    assert response.status_code == 200, response.text
    world.send([post_created("e3", "p3", thread="t3", author="u8", body="Just a hello"),
                post_created("e4", "p4", thread="t3", author="u42", first=False,
                             body="So sorry, grief after a funeral is so heavy.")])
    [message] = actions(world, "message_member")
    assert message["labels"] == ["bereavement"] and message["about_post_id"] == "p4"


def test_a_suggestion_the_author_left_out_is_dismissed_and_not_made_again(
    world: World,
) -> None:
    world.send([post_created("e1", "p1", body="My grief is heavy since the funeral.")])
    assert [s["key"] for s in labels_of(world, "p1")["suggested"]] == ["bereavement"]
    put_labels(world, "p1", "author", "u42", [])
    world.send([{"id": "e2", "type": "post.edited", "occurred_at": "2026-01-05T03:00:00Z",
                 "post": {"id": "p1", "body": "My grief is heavy since the funeral, still."}}])
    state = labels_of(world, "p1")
    assert state["labels"] == [] and state["suggested"] == []
    assert [h["change"] for h in state["history"]] == ["suggested", "dismissed"]


def test_auto_mode_applies_chosen_labels_and_suggests_the_rest(world: World) -> None:
    settings(world, suggestions="auto", auto_labels=["suicide"])
    world.send([post_created("e1", "p1", body="I took an overdose and cut myself.")])
    state = labels_of(world, "p1")
    assert _keys(state) == {"suicide": "suggester"}
    assert [s["key"] for s in state["suggested"]] == ["self-harm"]
    assert actions(world, "set_post_tags") == [
        {"post_id": "p1", "thread_id": "t1", "add": ["suicide"], "remove": []}]


def test_suggestions_off_suggests_nothing(world: World) -> None:
    settings(world, suggestions="off")
    world.send([post_created("e1", "p1", body="I took an overdose.")])
    assert labels_of(world, "p1")["suggested"] == []
    assert actions(world, "message_member") == []


def test_no_tags_are_asked_for_when_the_forum_does_not_mirror_them(world: World) -> None:
    settings(world, mirror_tags=False, message_author=False)
    world.send([post_created("e1", "p1", content_warnings=["abuse"],
                             body="I took an overdose.")])
    assert actions(world, "set_post_tags") == []
    assert actions(world, "message_member") == []


def test_moderators_confirm_or_dismiss_suggestions(world: World) -> None:
    world.send([
        post_created("e1", "p1", body="Since the funeral I drink alcohol every night.",
                     url="https://forum.example/t/1"),
        post_created("e2", "p2", thread="t2", author="u9", body="He hit me again."),
    ])
    mod = world.auth("calm:moderator")
    waiting = world.client.get("/v1/forums/calm/content-warnings/suggestions", headers=mod)
    assert waiting.status_code == 200
    assert sorted((s["post_id"], s["label"]) for s in waiting.json()) == [
        ("p1", "bereavement"), ("p1", "substance-use"), ("p2", "abuse")]
    assert world.client.get("/v1/forums/calm/content-warnings/suggestions",
                            headers=world.auth("calm:platform")).status_code == 403

    confirmed = world.client.post("/v1/forums/calm/posts/p2/suggestions/abuse/confirm",
                                  headers=mod, json={"reason": "It describes being hit."})
    assert confirmed.status_code == 200
    assert _keys(confirmed.json()) == {"abuse": "moderator"}
    told = [m["text"] for m in actions(world, "message_member") if m["text"].startswith("A mod")]
    assert told == ["A moderator added a content warning to your post: Abuse. "
                    "Why: It describes being hit."]
    dismissed = world.client.post(
        "/v1/forums/calm/posts/p1/suggestions/bereavement/dismiss", headers=mod)
    assert dismissed.status_code == 200
    again = world.client.post("/v1/forums/calm/posts/p1/suggestions/bereavement/confirm",
                              headers=mod)
    assert again.status_code == 409
    left = world.client.get("/v1/forums/calm/content-warnings/suggestions", headers=mod).json()
    assert [(s["post_id"], s["label"]) for s in left] == [("p1", "substance-use")]
    assert left[0]["url"] == "https://forum.example/t/1"


def test_labels_of_one_forum_are_not_seen_from_another(world: World) -> None:
    world.send([post_created("e1", "p1", content_warnings=["abuse"], body=CALM)])
    response = world.client.get("/v1/forums/other/posts/p1/labels",
                                headers=world.auth("other:platform"))
    assert response.status_code == 404
    response = world.client.get("/v1/forums/calm/posts/p1/labels",
                                headers=world.auth("other:platform"))
    assert response.status_code == 404


def test_switched_off_the_plugin_refuses_label_changes(world: World) -> None:
    world.send([post_created("e1", "p1", body=CALM)])
    world.client.put("/v1/forums/calm/plugins/content_warnings", json={"enabled": False},
                     headers=world.auth("calm:admin"))
    refused = put_labels(world, "p1", "author", "u42", ["abuse"])
    assert (refused.status_code, refused.json()) == (404, {
        "detail": "the content_warnings feature is switched off for this forum"})
