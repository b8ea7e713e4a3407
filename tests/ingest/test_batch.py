"""Plugins handle the new events of one ingest request together, with the mirror rows the
batch names made and read in a few statements, whatever the batch's size."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from forumkit.db import session_scope
from forumkit.forums.models import Forum
from forumkit.mirror.models import Member, Post, Thread
from tests.support.plugins import BatchRecorder, WatchNewThreads
from tests.support.world import World, post_created


def _batch(n: int, prefix: str = "") -> list[dict[str, Any]]:
    events = []
    for i in range(n):
        thread = f"{prefix}t{i // 10}"
        events.append(post_created(f"{prefix}e{i}", f"{prefix}p{i}", thread=thread,
                                   author=f"{prefix}u{i}", first=i % 10 == 0))
    return events


def test_a_plugin_gets_the_new_events_of_a_request_together_in_order(world: World) -> None:
    BatchRecorder.batches.clear()
    events = [post_created("e1", "p1"), post_created("e2", "p2", first=False, author="u7"),
              post_created("e1", "p1")]  # sent twice in one request: applied once
    assert world.send(events).json() == {"applied": 2, "duplicates": 1}
    assert world.send([post_created("e2", "p2", first=False)]).json()["duplicates"] == 1
    world.send([{"id": "e3", "type": "post.deleted", "occurred_at": "2026-01-05T03:00:00Z",
                 "post": {"id": "p2"}}])
    assert BatchRecorder.batches == [
        [("e1", "p1", True), ("e2", "p2", True)],
        [("e3", "p2", False)],  # a single event is a batch of one; a repeat is no batch
    ]


def test_the_facets_a_plugin_reads_are_asked_once_for_the_whole_batch(world: World) -> None:
    BatchRecorder.watched.clear()
    WatchNewThreads.watched_asks.clear()
    assert world.send(_batch(20)).status_code == 200
    assert len(WatchNewThreads.watched_asks) == 1 and len(WatchNewThreads.watched_asks[0]) == 20
    assert BatchRecorder.watched == [True] + [None] * 19  # the provider knows mirror post 1


def test_the_mirror_rows_of_a_batch_are_read_once_not_per_event(world: World) -> None:
    def reads(events: list[dict[str, Any]]) -> int:
        with world.statements() as seen:
            assert world.send(events).json()["applied"] == len(events)
        return sum(1 for s in seen if s.lstrip().upper().startswith("SELECT")
                   and any(f"FROM {t}" in s for t in ("member", "thread", "post ")))

    small, large = reads(_batch(10, "a")), reads(_batch(100, "b"))
    # Only the look-ups of threads' first posts grow, and a little.
    assert 0 < small and large <= small + 10, (small, large)


def test_the_mirror_matches_what_events_sent_one_by_one_give(world: World) -> None:
    events = _batch(30)
    world.send(events, forum="calm")
    for one in events:
        world.send([one], forum="other")
    assert _mirror(world, "calm") == _mirror(world, "other")


def _mirror(world: World, slug: str) -> dict[str, Any]:
    with session_scope(world.services.engine) as session:
        forum = session.exec(select(Forum).where(Forum.slug == slug)).one()
        members = {m.id: m.post_count for m in session.exec(
            select(Member).where(Member.forum_id == forum.id))}
        threads = {t.id: t.ext_id for t in session.exec(
            select(Thread).where(Thread.forum_id == forum.id))}
        posts = sorted(
            (p.ext_id, threads[p.thread_id], members[p.author_id], p.is_first_in_thread)
            for p in session.exec(select(Post).where(Post.forum_id == forum.id))
            if p.thread_id and p.author_id
        )
        return {"posts": posts, "threads": sorted(threads.values()),
                "post_counts": sorted(members.values())}
