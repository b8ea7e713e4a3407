"""POST /v1/forums/{forum}/events: once per event, out of order, all or nothing, clear errors."""

from __future__ import annotations

from typing import Any

from sqlmodel import func, select

from forumkit.db import session_scope
from forumkit.identity import member_key
from forumkit.mirror.models import Member, Post, Thread
from forumkit.outbox.models import OutboxItem
from tests.support.world import World, post_created


def _counts(world: World) -> dict[str, int]:
    with session_scope(world.services.engine) as session:
        return {
            model.__name__: session.exec(select(func.count()).select_from(model)).one()
            for model in (Member, Thread, Post, OutboxItem)
        }


def _post(world: World, ext_id: str) -> Post:
    with session_scope(world.services.engine) as session:
        post = session.exec(select(Post).where(Post.ext_id == ext_id)).one()
        return post


def _thread_events() -> list[dict[str, Any]]:
    return [
        post_created("e1", "p1", at="2026-01-05T02:10:00Z"),
        post_created("e2", "p2", author="u7", first=False, reply_to_id="p1",
                     at="2026-01-05T02:20:00Z"),
        {"id": "e3", "type": "reaction.added", "occurred_at": "2026-01-05T02:21:00Z",
         "reaction": {"post_id": "p2", "member_id": "u42", "kind": "thank_you"}},
        {"id": "e4", "type": "member.created", "occurred_at": "2026-01-05T01:00:00Z",
         "member": {"id": "u9", "is_staff": True}},
    ]


def test_batch_is_applied_and_reported(world: World) -> None:
    response = world.send(_thread_events())
    assert response.status_code == 200
    assert response.json() == {"applied": 4, "duplicates": 0}
    assert _counts(world) == {"Member": 3, "Thread": 1, "Post": 2, "OutboxItem": 1}


def test_same_batch_three_times_changes_nothing(world: World) -> None:
    world.send(_thread_events())
    before = _counts(world)
    first_post = _post(world, "p1").model_dump()
    for _ in range(2):
        response = world.send(_thread_events())
        assert response.json() == {"applied": 0, "duplicates": 4}
    assert _counts(world) == before
    assert _post(world, "p1").model_dump() == first_post


def test_ids_are_per_forum(world: World) -> None:
    world.send([post_created("e1", "p1")])
    response = world.send([post_created("e1", "p1")], forum="other")
    assert response.json() == {"applied": 1, "duplicates": 0}


def test_reply_before_its_threads_first_post_is_kept(world: World) -> None:
    world.send([post_created("e2", "p2", author="u7", first=False, reply_to_id="p1",
                             thread="t9")])
    world.send([post_created("e1", "p1", thread="t9", category_id="c-anxiety",
                             tags=["sleep"])])
    with session_scope(world.services.engine) as session:
        thread = session.exec(select(Thread).where(Thread.ext_id == "t9")).one()
        posts = session.exec(select(Post).where(Post.thread_id == thread.id)).all()
    assert thread.category_id == "c-anxiety"
    assert thread.tags == ["sleep"]
    assert thread.title == "Can't sleep"
    assert sorted(p.ext_id for p in posts) == ["p1", "p2"]


def test_locking_and_announcing_a_thread_are_mirrored_from_any_post(world: World) -> None:
    world.send([post_created("e1", "p1", is_announcement=True)])
    world.send([{"id": "e2", "type": "post.edited", "occurred_at": "2026-01-05T04:00:00Z",
                 "post": {"id": "p1", "thread_closed": True}}])
    with session_scope(world.services.engine) as session:
        thread = session.exec(select(Thread).where(Thread.ext_id == "t1")).one()
    assert (thread.announcement, thread.closed) == (True, True)


def test_a_restored_post_is_live_again_but_an_older_restore_changes_nothing(
    world: World,
) -> None:
    world.send([post_created("e1", "p1")])

    def event(event_id: str, kind: str, at: str) -> dict[str, Any]:
        return {"id": event_id, "type": kind, "occurred_at": at, "post": {"id": "p1"}}

    world.send([event("e2", "post.deleted", "2026-01-05T04:00:00Z")])
    world.send([event("e3", "post.restored", "2026-01-05T03:00:00Z")])
    assert _post(world, "p1").deleted_at is not None
    world.send([event("e4", "post.restored", "2026-01-05T05:00:00Z")])
    assert _post(world, "p1").deleted_at is None


def test_edit_before_create_keeps_the_newer_edit(world: World) -> None:
    edit = {"id": "e2", "type": "post.edited", "occurred_at": "2026-01-05T03:00:00Z",
            "post": {"id": "p1", "thread_id": "t1", "url": "https://forum.example/t/1?v=2"}}
    world.send([edit])
    world.send([post_created("e1", "p1", url="https://forum.example/t/1")])
    post = _post(world, "p1")
    assert post.url == "https://forum.example/t/1?v=2"
    assert post.created_at is not None and post.edited_at is not None
    assert post.created_at < post.edited_at
    assert post.author_id is not None


def test_delete_before_create_stays_deleted(world: World) -> None:
    world.send([{"id": "e2", "type": "post.deleted", "occurred_at": "2026-01-05T03:00:00Z",
                 "post": {"id": "p1"}}])
    world.send([post_created("e1", "p1")])
    assert _post(world, "p1").deleted_at is not None


def test_member_ids_are_stored_as_keyed_hashes(world: World) -> None:
    world.send([post_created("e1", "p1", author="u42")])
    with session_scope(world.services.engine) as session:
        [member] = session.exec(select(Member)).all()
    assert member.key == member_key(_forum_secret(world, "calm"), "u42")
    assert "u42" not in member.key
    assert member.post_count == 1


def _forum_secret(world: World, slug: str) -> str:
    from forumkit.forums.repository import by_slug

    with session_scope(world.services.engine) as session:
        forum = by_slug(session, slug)
        assert forum is not None
        return forum.member_secret


def test_malformed_event_rejects_the_whole_batch_naming_the_field(world: World) -> None:
    bad = post_created("e2", "p2")
    del bad["post"]["thread_id"]
    response = world.send([post_created("e1", "p1"), bad])
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert problem["loc"][:3] == ["body", "events", 1]
    assert problem["loc"][-1] == "thread_id"
    assert problem["msg"] == "Field required"
    assert _counts(world)["Post"] == 0, "nothing of the batch was applied"


def test_wrong_types_and_unknown_event_types_are_422(world: World) -> None:
    wrong = post_created("e1", "p1")
    wrong["post"]["is_first_in_thread"] = "perhaps"
    unknown = {"id": "e2", "type": "post.pinned", "occurred_at": "2026-01-05T02:10:00Z"}
    naive = post_created("e3", "p3", at="2026-01-05T02:10:00")
    for event in (wrong, unknown, naive):
        response = world.send([event])
        assert response.status_code == 422, event
        assert response.json()["detail"][0]["loc"][:3] == ["body", "events", 0]


def test_bodies_that_are_not_batches_are_422(world: World) -> None:
    headers = world.auth("calm:platform")
    for content in (b"not json", b"[]", b'{"events": []}', b'{"events": "p1"}'):
        response = world.client.post("/v1/forums/calm/events", content=content,
                                      headers={**headers, "content-type": "application/json"})
        assert response.status_code == 422, content


def test_too_many_events_is_422(world: World) -> None:
    events = [post_created(f"e{i}", f"p{i}") for i in range(501)]
    response = world.send(events)
    assert response.status_code == 422
    assert "at most 500 events" in response.json()["detail"]


def test_oversized_body_is_413(world: World) -> None:
    huge = post_created("e1", "p1", body="x" * 1_100_000)
    response = world.send([huge])
    assert response.status_code == 413
    assert "larger than" in response.json()["detail"]


def test_unknown_forum_is_404(world: World) -> None:
    response = world.client.post(
        "/v1/forums/nowhere/events", json={"events": [post_created("e1", "p1")]},
        headers=world.auth("operator"),
    )
    assert response.status_code == 404


def test_erasing_a_member_removes_them_and_their_posts(world: World) -> None:
    world.send(_thread_events())
    response = world.client.delete("/v1/forums/calm/members/u7",
                                   headers=world.auth("calm:platform"))
    assert response.json() == {"erased": True, "posts": 1}
    counts = _counts(world)
    assert counts["Member"] == 2 and counts["Post"] == 1
    again = world.client.delete("/v1/forums/calm/members/u7", headers=world.auth("calm:platform"))
    assert again.json() == {"erased": False, "posts": 0}


def test_an_edit_older_than_what_the_mirror_holds_changes_nothing(world: World) -> None:
    world.send([post_created("e1", "p1", title="First title", at="2026-01-05T02:10:00Z")])
    newer = {"id": "e2", "type": "post.edited", "occurred_at": "2026-01-05T02:30:00Z",
             "post": {"id": "p1", "title": "Newest title", "is_first_in_thread": True}}
    older = {"id": "e3", "type": "post.edited", "occurred_at": "2026-01-05T02:20:00Z",
             "post": {"id": "p1", "title": "An older title", "is_first_in_thread": True}}
    assert world.send([newer]).json() == {"applied": 1, "duplicates": 0}
    assert world.send([older]).json() == {"applied": 0, "duplicates": 1}
    with session_scope(world.services.engine) as session:
        thread = session.exec(select(Thread)).one()
        assert thread.title == "Newest title"
