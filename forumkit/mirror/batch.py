"""The mirror rows one ingest batch touches, made where missing and loaded together.

Members, threads and posts named anywhere in the batch are inserted (if new) and read back
in one statement per table, instead of a look-up per event. Rows are made and locked in a
stable order (members by key, threads and posts by platform id, tables always in that
order), so two batches naming the same new rows at once wait for each other on PostgreSQL
instead of deadlocking; on SQLite the write lock already serialises them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from forumkit.clock import as_utc
from forumkit.db import insert_missing
from forumkit.events import (
    Event,
    MemberCreated,
    MemberUpdated,
    PostCreated,
    PostDeleted,
    PostEdited,
    PostHidden,
    PostRestored,
    PostUnhidden,
    ReactionAdded,
    ReactionRemoved,
    ThreadUpdated,
)
from forumkit.forums.models import Forum
from forumkit.identity import member_key
from forumkit.mirror.models import Member, Post, Thread


@dataclass
class BatchRows:
    forum: Forum
    members: dict[str, Member]  # by key
    threads: dict[str, Thread]  # by the platform's id
    posts: dict[str, Post]  # by the platform's id
    # The authors and threads of the posts the batch changes that its events do not name (an
    # edit, a deletion): read together, and held here so that `session.get` finds them.
    related: list[Member | Thread] = field(default_factory=list)

    def member(self, platform_id: str) -> Member:
        return self.members[member_key(self.forum.member_secret, platform_id)]

    def thread(self, ext_id: str) -> Thread:
        return self.threads[ext_id]

    def post(self, ext_id: str) -> Post:
        return self.posts[ext_id]


def load(session: Session, forum: Forum, events: Sequence[Event], now: datetime) -> BatchRows:
    """Make and lock the rows the events name; a new member is first seen when first named."""
    assert forum.id is not None
    seen: dict[str, datetime] = {}
    threads: set[str] = set()
    posts: set[str] = set()
    changed: set[str] = set()  # posts an event changes (a reaction changes none)

    def name(platform_id: str, at: datetime) -> None:
        seen.setdefault(member_key(forum.member_secret, platform_id), as_utc(at))

    for event in events:
        named = member_named(event)
        if named is not None:
            # A reaction's time is the platform's; the member is first seen when it arrives.
            reaction = isinstance(event, ReactionAdded | ReactionRemoved)
            name(named, now if reaction else event.occurred_at)
        if isinstance(event, PostCreated | PostEdited):
            posts.add(event.post.id)
            changed.add(event.post.id)
            if event.post.thread_id is not None:
                threads.add(event.post.thread_id)
        elif isinstance(event, PostDeleted | PostRestored | PostHidden | PostUnhidden):
            posts.add(event.post.id)
            changed.add(event.post.id)
        elif isinstance(event, ReactionAdded | ReactionRemoved):
            posts.add(event.reaction.post_id)
        elif isinstance(event, ThreadUpdated):
            threads.add(event.thread.id)

    fid = forum.id
    insert_missing(session, Member, [
        {"forum_id": fid, "key": key, "first_seen": seen[key], "post_count": 0,
         "is_staff": False} for key in sorted(seen)
    ])
    insert_missing(session, Thread, [
        {"forum_id": fid, "ext_id": ext_id, "tags": []} for ext_id in sorted(threads)
    ])
    insert_missing(session, Post, [
        {"forum_id": fid, "ext_id": ext_id, "is_first_in_thread": False,
         "author_is_staff": False} for ext_id in sorted(posts)
    ])
    rows = BatchRows(
        forum=forum,
        members={m.key: m for m in _locked(session, Member, fid, Member.key, seen)},
        threads={t.ext_id: t for t in _locked(session, Thread, fid, Thread.ext_id, threads)},
        posts={p.ext_id: p for p in _locked(session, Post, fid, Post.ext_id, posts)},
    )
    rows.related = _related(session, rows, [rows.posts[ext_id] for ext_id in changed])
    return rows


def _related(session: Session, rows: BatchRows, posts: list[Post]) -> list[Member | Thread]:
    authors = {p.author_id for p in posts} - {m.id for m in rows.members.values()}
    threads = {p.thread_id for p in posts} - {t.id for t in rows.threads.values()}
    authors.discard(None)
    threads.discard(None)
    members = list(session.exec(select(Member).where(col(Member.id).in_(authors)))
                   ) if authors else []
    others = list(session.exec(select(Thread).where(col(Thread.id).in_(threads)))
                  ) if threads else []
    return [*members, *others]


def member_named(event: Event) -> str | None:
    """The platform id of the member an event names (an author, a reactor, the member
    created or updated), if any. A member.deleted is not counted: it makes no row."""
    if isinstance(event, PostCreated | PostEdited):
        return event.post.author_id
    if isinstance(event, ReactionAdded | ReactionRemoved):
        return event.reaction.member_id
    if isinstance(event, MemberCreated | MemberUpdated):
        return event.member.id
    return None


def _locked(
    session: Session, model: Any, forum_id: int, column: Any, values: Any
) -> list[Any]:
    if not values:
        return []
    query = (
        select(model).where(model.forum_id == forum_id, col(column).in_(sorted(values)))
        .order_by(col(column)).with_for_update().execution_options(populate_existing=True)
    )
    return list(session.exec(query))
