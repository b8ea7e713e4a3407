"""The thread.updated event: thread facts a platform reports apart from its posts."""

from __future__ import annotations

from sqlmodel import select

from forumkit.db import session_scope
from forumkit.mirror.models import Post, Thread
from tests.support.world import World, post_created


def _thread(world: World, ext_id: str) -> Thread | None:
    with session_scope(world.services.engine) as session:
        return session.exec(select(Thread).where(Thread.ext_id == ext_id)).first()


def _update(event_id: str, **fields: object) -> dict[str, object]:
    return {"id": event_id, "type": "thread.updated", "occurred_at": "2026-01-05T02:20:00Z",
            "thread": {"id": "t1", **fields}}


def test_thread_update_after_the_first_post_edits_the_thread(world: World) -> None:
    world.send([post_created("e1", "p1")])
    response = world.send([_update("e2", tags=["diary"], thread_closed=True,
                                   content_warnings=["grief"], response_mode="diary")])
    assert response.json() == {"applied": 1, "duplicates": 0}
    thread = _thread(world, "t1")
    assert thread is not None and thread.tags == ["diary"] and thread.closed
    with session_scope(world.services.engine) as session:
        first = session.exec(select(Post).where(Post.ext_id == "p1")).one()
        assert first.edited_at is not None  # plugins saw it as an edit of the first post


def test_thread_update_before_the_first_post_is_kept_on_the_thread(world: World) -> None:
    assert world.send([_update("e1", tags=["cw"], is_announcement=True, title="News")]
                      ).json()["applied"] == 1
    world.send([post_created("e2", "p1")])
    thread = _thread(world, "t1")
    assert thread is not None
    assert thread.tags == ["cw"] and thread.announcement
    assert thread.title == "Can't sleep"  # the first post's own title, when it comes


def test_a_malformed_thread_update_is_422(world: World) -> None:
    response = world.send([{"id": "e1", "type": "thread.updated",
                            "occurred_at": "2026-01-05T02:20:00Z", "thread": {"tags": []}}])
    assert response.status_code == 422
