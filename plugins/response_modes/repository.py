"""Queries on response modes: a thread's mode row, its changes, held threads due to open."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, delete, select

from forumkit.db import insert_once
from forumkit.mirror.models import Post, Thread
from forumkit.plugins.response_modes.models import ModeChange, PostMode, ThreadMode


def mode_of(session: Session, thread_id: int) -> ThreadMode | None:
    return session.exec(select(ThreadMode).where(ThreadMode.thread_id == thread_id)).first()


def modes_of(session: Session, forum_id: int, thread_ids: Iterable[int]) -> dict[int, ThreadMode]:
    rows = session.exec(
        select(ThreadMode).where(
            ThreadMode.forum_id == forum_id, col(ThreadMode.thread_id).in_(list(thread_ids))
        )
    )
    return {row.thread_id: row for row in rows}


def threads(session: Session, forum_id: int, thread_ids: Iterable[int]) -> list[Thread]:
    return list(
        session.exec(
            select(Thread).where(Thread.forum_id == forum_id, col(Thread.id).in_(list(thread_ids)))
        )
    )


def post_mode_of(session: Session, post_id: int) -> PostMode | None:
    return session.exec(select(PostMode).where(PostMode.post_id == post_id)).first()


def create_mode(session: Session, values: dict[str, object]) -> bool:
    """Insert a thread's first mode row; False when one exists (a repeated first post)."""
    return insert_once(session, ThreadMode, values)


def changes_of(session: Session, thread_id: int, limit: int = 100) -> list[ModeChange]:
    return list(
        session.exec(
            select(ModeChange).where(ModeChange.thread_id == thread_id)
            .order_by(col(ModeChange.id).desc()).limit(limit)
        )
    )


def claim_due_holds(session: Session, now: datetime, forum_ids: Sequence[int],
                    limit: int) -> list[tuple[int, int, int]]:
    """Open held threads of these forums whose time has come; (row id, forum id, thread id)
    of each.

    The UPDATE's WHERE is the claim: a second process running it at the same moment waits
    for the first's row locks, then finds the rows no longer held, so each opens once.
    """
    due = list(
        session.exec(
            select(ThreadMode.id).where(
                col(ThreadMode.mode) == "held", col(ThreadMode.opens_at).is_not(None),
                col(ThreadMode.opens_at) <= now, col(ThreadMode.forum_id).in_(list(forum_ids)),
            ).order_by(col(ThreadMode.opens_at)).limit(limit)
        )
    )
    if not due:
        return []
    claimed = session.execute(
        update(ThreadMode)
        .where(col(ThreadMode.id).in_(due), col(ThreadMode.mode) == "held",
               col(ThreadMode.opens_at) <= now)
        .values(mode="open", opens_at=None, changed_at=now, source="schedule")
        .returning(col(ThreadMode.id), col(ThreadMode.forum_id), col(ThreadMode.thread_id))
    )
    return [(row[0], row[1], row[2]) for row in claimed]


def erase_member(session: Session, forum_id: int, member_id: int) -> None:
    """Their threads' modes and changes go; changes they made elsewhere lose their name.
    Modes of their own posts go too."""
    own = select(Thread.id).where(Thread.forum_id == forum_id, Thread.author_id == member_id)
    own_posts = select(Post.id).where(Post.forum_id == forum_id, Post.author_id == member_id)
    session.execute(delete(PostMode).where(col(PostMode.post_id).in_(own_posts)))
    session.execute(delete(ModeChange).where(col(ModeChange.thread_id).in_(own)))
    session.execute(delete(ThreadMode).where(col(ThreadMode.thread_id).in_(own)))
    session.execute(
        update(ModeChange)
        .where(col(ModeChange.forum_id) == forum_id,
               col(ModeChange.actor_member_id) == member_id)
        .values(actor_member_id=None)
    )
