"""Queries on the mirror about helping: replies members gave, and where they gave them.

A reply "helps" when it is in someone else's thread: replies in one's own thread are not
counted as helping. Deleted posts, and posts a moderator hid, never count.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_
from sqlmodel import Session, col, select

from forumkit.links import safe_link
from forumkit.mirror.models import Member, Post, Thread, visible
from forumkit.remembered import recall, remembering

FIRST_POSTS = "helper_impact.first_posts"  # thread id -> its first post's id, or None


@dataclass(frozen=True)
class Reply:
    post_id: int
    post_ext_id: str
    url: str | None
    thread_id: int
    author_id: int
    created_at: datetime


def replies(
    session: Session, forum_id: int, since: datetime, until: datetime,
    *, author_id: int | None = None, staff: bool = True,
) -> list[Reply]:
    """Replies in other people's threads made in [since, until), oldest first."""
    query = (
        select(Post)
        .join(Thread, col(Thread.id) == col(Post.thread_id))
        .join(Member, col(Member.id) == col(Post.author_id))
        .where(col(Post.forum_id) == forum_id, col(Post.is_first_in_thread).is_(False),
               visible(), col(Post.imported).is_(False),
               col(Post.created_at) >= since,
               col(Post.created_at) < until,
               or_(col(Thread.author_id).is_(None), col(Thread.author_id) != col(Post.author_id)))
        .order_by(col(Post.created_at), col(Post.id))
    )
    if author_id is not None:
        query = query.where(col(Post.author_id) == author_id)
    if not staff:
        query = query.where(col(Member.is_staff).is_(False), col(Post.author_is_staff).is_(False))
    return [
        Reply(post_id=p.id, post_ext_id=p.ext_id, url=safe_link(p.url), thread_id=p.thread_id,
              author_id=p.author_id, created_at=p.created_at)
        for p in session.exec(query)
        if p.id is not None and p.thread_id is not None and p.author_id is not None
        and p.created_at is not None
    ]


def first_posts(session: Session, thread_ids: Iterable[int]) -> dict[int, int]:
    """Thread id -> the id of its first post, for threads whose first post is known."""
    ids = list(thread_ids)
    if not ids:
        return {}
    rows = session.exec(
        select(Post.thread_id, Post.id)
        .where(col(Post.thread_id).in_(ids), col(Post.is_first_in_thread).is_(True))
    )
    return {thread_id: post_id for thread_id, post_id in rows
            if thread_id is not None and post_id is not None}


@contextmanager
def remembering_first_posts(session: Session, thread_ids: Iterable[int]
                            ) -> Iterator[dict[int, int]]:
    """The first posts of these threads in one query, remembered while the block runs
    (`first_post_of` answers from them); the block gets them, by thread id."""
    ids = list(thread_ids)
    found = first_posts(session, ids)
    with remembering(session, FIRST_POSTS, {t: found.get(t) for t in ids}):
        yield found


def first_post_of(session: Session, thread_id: int) -> int | None:
    return recall(session, FIRST_POSTS, thread_id,
                  lambda: first_posts(session, [thread_id]).get(thread_id))


def threads(session: Session, thread_ids: Iterable[int]) -> dict[int, Thread]:
    ids = list(thread_ids)
    if not ids:
        return {}
    return {t.id: t for t in session.exec(select(Thread).where(col(Thread.id).in_(ids)))
            if t.id is not None}


def latest_post_of(
    session: Session, member_id: int, *, thread_id: int | None = None
) -> Post | None:
    """The member's newest post the platform knows (to name them in a message)."""
    query = select(Post).where(Post.author_id == member_id, col(Post.deleted_at).is_(None),
                               col(Post.created_at).is_not(None))
    if thread_id is not None:
        query = query.where(Post.thread_id == thread_id)
    return session.exec(
        query.order_by(col(Post.created_at).desc(), col(Post.id).desc()).limit(1)
    ).first()
