"""Admins edit the set of gratitude reactions; platforms read it to draw the buttons."""

from __future__ import annotations

from tests.support.world import World, post_created

KINDS = "/v1/forums/calm/gratitude/kinds"


def test_platform_reads_the_default_set(world: World) -> None:
    response = world.client.get(KINDS, headers=world.auth("calm:platform"))
    assert response.status_code == 200
    kinds = response.json()["kinds"]
    assert [k["key"] for k in kinds] == ["thank_you", "this_helped", "me_too",
                                         "sending_support", "tried_this"]
    assert kinds[0] == {"key": "thank_you", "emoji": "🙏", "words": "Thank you"}
    assert response.json()["counts_visible"] == "everyone"


def test_admin_replaces_the_set_and_the_change_is_audited(world: World) -> None:
    admin = world.auth("calm:admin")
    response = world.client.put(KINDS, json={"kinds": [
        {"key": "thank_you", "emoji": "🙏", "words": "Thanks"},
        {"key": "hug", "emoji": "🫂", "words": "Sending a hug"},
    ]}, headers=admin)
    assert response.status_code == 200, response.text
    assert [k["words"] for k in response.json()["kinds"]] == ["Thanks", "Sending a hug"]
    read = world.client.get(KINDS, headers=world.auth("calm:platform")).json()
    assert [k["key"] for k in read["kinds"]] == ["thank_you", "hug"]
    [entry, *_] = world.client.get("/v1/forums/calm/audit", headers=admin).json()
    assert entry["action"] == "plugin.update" and entry["subject"] == "gratitude"
    assert entry["after"]["settings"]["kinds"][1]["key"] == "hug"


def test_a_set_with_a_repeated_key_or_a_bad_key_is_refused(world: World) -> None:
    admin = world.auth("calm:admin")
    twice = world.client.put(KINDS, json={"kinds": [
        {"key": "hug", "emoji": "🫂", "words": "Hug"},
        {"key": "hug", "emoji": "🤗", "words": "Hug again"},
    ]}, headers=admin)
    assert twice.status_code == 422
    assert "used twice: hug" in twice.json()["detail"][0]["msg"]
    bad = world.client.put(KINDS, json={"kinds": [{"key": "Big Hug", "emoji": "🫂",
                                                   "words": "Hug"}]}, headers=admin)
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "kinds", 0, "key"]
    empty = world.client.put(KINDS, json={"kinds": []}, headers=admin)
    assert empty.status_code == 422
    assert world.client.put(KINDS, json={"kinds": []},
                            headers=world.auth("calm:platform")).status_code == 403


def test_a_kind_taken_out_keeps_its_reactions_hidden_until_it_comes_back(world: World) -> None:
    admin, platform = world.auth("calm:admin"), world.auth("calm:platform")
    world.send([post_created("e1", "p1", author="u42")])
    world.client.post("/v1/forums/calm/posts/p1/reactions",
                      json={"member_id": "u7", "kind": "me_too"}, headers=platform)
    default = world.client.get(KINDS, headers=platform).json()["kinds"]
    world.client.put(KINDS, json={"kinds": [k for k in default if k["key"] != "me_too"]},
                     headers=admin)
    shown = world.client.get("/v1/forums/calm/posts/p1/reactions", headers=platform).json()
    assert "me_too" not in shown["counts"] and shown["total"] == 0
    refused = world.client.post("/v1/forums/calm/posts/p1/reactions",
                                json={"member_id": "u9", "kind": "me_too"}, headers=platform)
    assert refused.status_code == 422
    world.client.put(KINDS, json={"kinds": default}, headers=admin)
    shown = world.client.get("/v1/forums/calm/posts/p1/reactions", headers=platform).json()
    assert shown["counts"]["me_too"] == 1
