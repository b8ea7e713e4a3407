"""The forum's labels: the default set, and admins adding, renaming and retiring labels."""

from __future__ import annotations

from tests.plugins.content_warnings.helpers import hints, put_labels
from tests.support.world import World, post_created

DEFAULT_KEYS = ["suicide", "self-harm", "eating-disorders", "abuse", "sexual-violence",
                "substance-use", "bereavement", "medical-detail", "violence"]


def _labels(world: World, forum: str = "calm") -> list[dict]:
    response = world.client.get(f"/v1/forums/{forum}/labels",
                                headers=world.auth(f"{forum}:platform"))
    assert response.status_code == 200, response.text
    return response.json()


def test_a_forum_starts_with_the_default_labels_each_described(world: World) -> None:
    labels = _labels(world)
    assert [label["key"] for label in labels] == DEFAULT_KEYS
    by_key = {label["key"]: label for label in labels}
    assert by_key["self-harm"]["name"] == "Self-harm"
    assert by_key["medical-detail"]["name"] == "Graphic medical detail"
    assert all(label["description"] and not label["retired"] for label in labels)


def test_admin_adds_a_label_that_readers_then_see(world: World) -> None:
    admin = world.auth("calm:admin")
    made = world.client.post("/v1/forums/calm/labels", headers=admin, json={
        "key": "pregnancy-loss", "name": "Pregnancy loss",
        "description": "Mentions miscarriage or stillbirth."})
    assert made.status_code == 201, made.text
    assert made.json() == {"key": "pregnancy-loss", "name": "Pregnancy loss",
                           "description": "Mentions miscarriage or stillbirth.",
                           "retired": False}
    assert _labels(world)[-1]["key"] == "pregnancy-loss"
    assert _labels(world, "other")[-1]["key"] == "violence"  # other forums are untouched

    again = world.client.post("/v1/forums/calm/labels", headers=admin,
                              json={"key": "pregnancy-loss", "name": "Twice"})
    assert again.status_code == 409
    bad = world.client.post("/v1/forums/calm/labels", headers=admin,
                            json={"key": "Bad Key!", "name": "Bad"})
    assert bad.status_code == 422
    [entry, *_] = world.client.get("/v1/forums/calm/audit", headers=admin).json()
    assert entry["action"] == "content_warnings.label.create"
    assert entry["subject"] == "pregnancy-loss"


def test_only_admins_change_the_taxonomy(world: World) -> None:
    body = {"key": "x-label", "name": "X"}
    for who, status in (("calm:platform", 403), ("calm:moderator", 403), ("other:admin", 404)):
        response = world.client.post("/v1/forums/calm/labels", json=body,
                                      headers=world.auth(who))
        assert response.status_code == status, who
    assert world.client.post("/v1/forums/calm/labels", json=body).status_code == 401


def test_renaming_a_label_changes_what_readers_see_on_labelled_posts(world: World) -> None:
    world.send([post_created("e1", "p1", content_warnings=["abuse"], body="A hard week.")])
    renamed = world.client.patch("/v1/forums/calm/labels/abuse",
                                 json={"name": "Abuse and control"},
                                 headers=world.auth("calm:admin"))
    assert renamed.status_code == 200
    hint = hints(world, None, ["p1"])["posts"]["p1"]
    assert hint["labels"] == [{"key": "abuse", "name": "Abuse and control"}]
    assert "Abuse and control" in hint["notice"]


def test_a_retired_label_stays_on_old_posts_but_cannot_be_added(world: World) -> None:
    world.send([post_created("e1", "p1", content_warnings=["bereavement"], body="Hello."),
                post_created("e2", "p2", thread="t2", body="Hello again.")])
    retired = world.client.patch("/v1/forums/calm/labels/bereavement", json={"retired": True},
                                 headers=world.auth("calm:admin"))
    assert retired.status_code == 200 and retired.json()["retired"] is True

    hint = hints(world, None, ["p1"])["posts"]["p1"]
    assert hint["labels"] == [{"key": "bereavement", "name": "Bereavement"}]
    assert hint["display"] == "blur"

    refused = put_labels(world, "p2", "author", "u42", ["bereavement"])
    assert refused.status_code == 422
    assert "retired" in refused.json()["detail"][0]["msg"]
    # The author of the old post may keep it while changing other labels.
    kept = put_labels(world, "p1", "author", "u42", ["bereavement", "abuse"])
    assert kept.status_code == 200, kept.text
    assert {label["key"]: label["retired"] for label in kept.json()["labels"]} == {
        "bereavement": True, "abuse": False}

    restored = world.client.patch("/v1/forums/calm/labels/bereavement",
                                  json={"retired": False}, headers=world.auth("calm:admin"))
    assert restored.json()["retired"] is False
    assert put_labels(world, "p2", "author", "u42", ["bereavement"]).status_code == 200


def test_unknown_label_is_404(world: World) -> None:
    response = world.client.patch("/v1/forums/calm/labels/nope", json={"name": "N"},
                                  headers=world.auth("calm:admin"))
    assert response.status_code == 404


def test_admin_edits_the_lexicon_and_suggestions_follow(world: World) -> None:
    admin = world.auth("calm:admin")
    start = world.client.get("/v1/forums/calm/labels/violence/lexicon", headers=admin).json()
    assert "kill" in start["terms"]

    check = {"author_id": "u42", "title": None, "body": "My dog bit the postman today"}
    compose = world.client.post("/v1/forums/calm/compose-check", json=check,
                                headers=world.auth("calm:platform"))
    assert compose.json()["suggested_labels"] == []

    saved = world.client.put("/v1/forums/calm/labels/violence/lexicon", headers=admin,
                             json={"terms": ["kill", "  Dog   Bite ", "dog bite"]})
    assert saved.status_code == 200
    assert saved.json()["terms"] == ["kill", "dog bite"]
    compose = world.client.post("/v1/forums/calm/compose-check", json=check,
                                headers=world.auth("calm:platform"))
    assert compose.json()["suggested_labels"] == []  # "bit" is not an inflection of "bite"
    check["body"] = "The dog bites were deep"
    compose = world.client.post("/v1/forums/calm/compose-check", json=check,
                                headers=world.auth("calm:platform"))
    assert compose.json()["suggested_labels"] == [
        {"key": "violence", "name": "Violence", "matched": ["dog bites"]}]
    [entry, *_] = world.client.get("/v1/forums/calm/audit", headers=admin).json()
    assert entry["action"] == "content_warnings.lexicon.update"
    assert entry["after"] == ["kill", "dog bite"]


def test_retired_labels_are_not_suggested(world: World) -> None:
    world.client.patch("/v1/forums/calm/labels/suicide", json={"retired": True},
                       headers=world.auth("calm:admin"))
    compose = world.client.post(
        "/v1/forums/calm/compose-check", headers=world.auth("calm:platform"),
        json={"body": "I feel suicidal and I have been cutting myself"})
    assert [s["key"] for s in compose.json()["suggested_labels"]] == ["self-harm"]
