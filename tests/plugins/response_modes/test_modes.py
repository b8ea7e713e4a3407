"""How a thread gets its mode (the author's choice, a tag, a diary space) and how it changes:
by its author or a moderator, recorded each time, with existing replies kept."""

from __future__ import annotations

from datetime import timedelta

from tests.plugins.response_modes.conftest import diary, permissions, queued, reply, set_mode
from tests.support.world import World, post_created


def _settings(world: World, **settings: object) -> None:
    response = world.client.put("/v1/forums/calm/plugins/response_modes",
                                json={"settings": settings}, headers=world.auth("calm:admin"))
    assert response.status_code == 200, response.text


def _mode(world: World, thread: str = "t1") -> dict:
    response = world.client.get(f"/v1/forums/calm/threads/{thread}/response-mode",
                                headers=world.auth("calm:platform"))
    assert response.status_code == 200, response.text
    return response.json()


def test_a_post_carries_its_authors_choice(world: World) -> None:
    world.send([post_created("e1", "p1", response_mode="Reactions-Only")])
    mode = _mode(world)
    assert mode["response_mode"] == "reactions_only"
    assert [(c["by"], c["to_mode"]) for c in mode["changes"]] == [("post", "reactions_only")]


def test_a_subforum_can_be_a_diary_space(world: World) -> None:
    _settings(world, category_modes={"c-diary": "diary"})
    world.send([
        post_created("e1", "p1", thread="t1", category_id="c-diary"),
        # Platforms that always send "open" do not undo the space's default.
        post_created("e2", "p2", thread="t2", category_id="c-diary", response_mode="open"),
        post_created("e3", "p3", thread="t3", category_id="c-diary",
                     response_mode="reactions_only"),
        post_created("e4", "p4", thread="t4", category_id="c-anxiety"),
    ])
    assert _mode(world, "t1")["response_mode"] == "diary"
    assert _mode(world, "t1")["changes"][0]["by"] == "category"
    assert _mode(world, "t2")["response_mode"] == "diary"
    assert _mode(world, "t3")["response_mode"] == "reactions_only"
    assert _mode(world, "t4")["response_mode"] == "open"


def test_a_tag_can_mean_a_mode(world: World) -> None:
    world.send([post_created("e1", "p1", tags=["sleep", "diary"])])
    assert _mode(world)["response_mode"] == "diary"
    assert _mode(world)["changes"][0]["by"] == "tag"


def test_held_from_a_post_opens_after_the_forums_default_hours(world: World, clock) -> None:
    _settings(world, held_default_hours=6)
    world.send([post_created("e1", "p1", response_mode="held")])
    assert _mode(world)["opens_at"] == (clock.now() + timedelta(hours=6)).isoformat().replace(
        "+00:00", "Z")


def test_author_changes_the_mode_and_each_change_is_recorded(world: World, clock) -> None:
    diary(world)
    clock.advance(timedelta(hours=1))
    response = set_mode(world, "u42", "reactions_only")
    assert response.status_code == 200, response.text
    clock.advance(timedelta(hours=1))
    set_mode(world, "u42", "open")
    changes = _mode(world)["changes"]
    assert [(c["from_mode"], c["to_mode"], c["by"]) for c in changes] == [
        ("reactions_only", "open", "author"),
        ("diary", "reactions_only", "author"),
        (None, "diary", "post"),
    ]
    assert changes[0]["at"] == "2026-01-05T04:10:00Z"


def test_setting_the_same_mode_again_records_nothing(world: World) -> None:
    diary(world)
    set_mode(world, "u42", "diary")
    assert len(_mode(world)["changes"]) == 1


def test_only_the_author_or_a_moderator_may_change_it(world: World) -> None:
    diary(world)
    refused = set_mode(world, "u7", "open")
    assert refused.status_code == 403
    assert "author or a moderator" in refused.json()["detail"]
    assert _mode(world)["response_mode"] == "diary"
    vouched = set_mode(world, "mod1", "open", actor_is_staff=True)
    assert vouched.status_code == 200
    assert _mode(world)["changes"][0]["by"] == "moderator"


def test_moderator_key_changes_are_in_the_audit_log(world: World) -> None:
    diary(world)
    response = set_mode(world, "mod1", "moderators_only", key="calm:moderator",
                        path="moderation/threads")
    assert response.status_code == 200, response.text
    assert response.json()["response_mode"] == "moderators_only"
    # Platform keys cannot use the moderators' route.
    assert set_mode(world, "u42", "open", path="moderation/threads").status_code == 403
    [entry, *_] = world.client.get("/v1/forums/calm/audit",
                                   headers=world.auth("calm:admin")).json()
    assert entry["action"] == "response_mode.set"
    assert entry["subject"] == "thread:t1"
    assert entry["before"] == {"mode": "diary"}
    assert entry["after"]["mode"] == "moderators_only"


def test_opens_at_is_checked(world: World, clock) -> None:
    diary(world)
    past = (clock.now() - timedelta(minutes=1)).isoformat()
    far = (clock.now() + timedelta(days=61)).isoformat()
    soon = (clock.now() + timedelta(days=1)).isoformat()
    for body, message in [
        ({"mode": "held", "opens_at": past}, "opens_at must be in the future"),
        ({"mode": "held", "opens_at": far}, "opens_at may be at most 60 days ahead"),
        ({"mode": "diary", "opens_at": soon}, "opens_at is only for mode 'held'"),
    ]:
        response = set_mode(world, "u42", **body)  # type: ignore[arg-type]
        assert response.status_code == 422
        [problem] = response.json()["detail"]
        assert problem["loc"] == ["body", "opens_at"]
        assert problem["msg"] == message
    bad_mode = set_mode(world, "u42", "silent")
    assert bad_mode.status_code == 422


def test_unknown_thread_is_404(world: World) -> None:
    response = set_mode(world, "u42", "diary", thread="nope")
    assert response.status_code == 404


def test_an_edit_of_the_first_post_can_change_the_mode(world: World) -> None:
    diary(world)
    world.send([{"id": "e2", "type": "post.edited", "occurred_at": "2026-01-05T05:00:00Z",
                 "post": {"id": "t1-p1", "response_mode": "open"}}])
    assert _mode(world)["response_mode"] == "open"
    assert _mode(world)["changes"][0]["by"] == "author"
    assert permissions(world, "u7")["can_reply"] is True


def test_closing_replies_keeps_the_replies_already_there(world: World, clock) -> None:
    world.send([post_created("e1", "t1-p1")])
    reply(world, "r1", at="2026-01-05T02:20:00Z")
    clock.advance(timedelta(hours=1))
    assert set_mode(world, "u42", "diary").status_code == 200
    # Nothing was queued to hide the reply already there.
    assert [q.kind for q in queued(world, "hide_post")] == []
    assert permissions(world, "u7")["can_reply"] is False
