"""Queries on response modes: a thread's mode row, its changes, held threads due to open.

While ingest hands the plugin a batch, the modes of the batch's threads and posts, and the
posts its replies answer, are read once (`remembering_batch`); the look-ups below answer
from them (forumkit.remembered).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, delete, select

from forumkit.db import insert_made
from forumkit.mirror import repository as mirror
from forumkit.mirror.models import Post, Thread
from forumkit.plugin import Batch
from forumkit.plugins.response_modes.models import ModeChange, PostMode, ThreadMode
from forumkit.remembered import forget, keep, recall, remembering

THREAD_MODES = "response_modes.thread_modes"  # thread id -> its mode row, or None
POST_MODES = "response_modes.post_modes"  # post id -> its own mode row, or None
POSTS = "response_modes.posts"  # a post's platform id -> the mirror's post, or None


@contextmanager
def remembering_batch(session: Session, forum_id: int, batch: Batch) -> Iterator[None]:
    """The modes of the batch's threads and posts, and the posts its replies answer with
    their own modes, read in a query each and remembered while the batch is handled."""
    posts = [item.post for item in batch.items if item.post is not None]
    answering = {p.reply_to_ext_id for p in posts if p.reply_to_ext_id is not None}
    answered = {p.ext_id: p for p in mirror.posts_by_ext_ids(session, forum_id, answering)
                } if answering else {}
    post_ids = {p.id for p in [*posts, *answered.values()] if p.id is not None}
    thread_ids = batch.ids("thread")
    with ExitStack() as stack:
        stack.enter_context(remembering(session, POSTS, {
            ext_id: answered.get(ext_id) for ext_id in answering}))
        stack.enter_context(remembering(session, THREAD_MODES, {
            **dict.fromkeys(thread_ids), **modes_of(session, forum_id, thread_ids)}))
        stack.enter_context(remembering(session, POST_MODES, {
            **dict.fromkeys(post_ids), **_post_modes_of(session, post_ids)}))
        yield


def mode_of(session: Session, thread_id: int) -> ThreadMode | None:
    return recall(session, THREAD_MODES, thread_id, lambda: session.exec(
        select(ThreadMode).where(ThreadMode.thread_id == thread_id)).first())


def kept_mode(session: Session, row: ThreadMode) -> None:
    """A thread's mode row added or changed through the session."""
    keep(session, THREAD_MODES, row.thread_id, row)


def post_by_ext_id(session: Session, forum_id: int, ext_id: str) -> Post | None:
    return recall(session, POSTS, ext_id, lambda: mirror.get_post(session, forum_id, ext_id))


def modes_of(session: Session, forum_id: int, thread_ids: Iterable[int]) -> dict[int, ThreadMode]:
    thread_ids = list(thread_ids)
    if not thread_ids:
        return {}
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
    return recall(session, POST_MODES, post_id, lambda: session.exec(
        select(PostMode).where(PostMode.post_id == post_id)).first())


def kept_post_mode(session: Session, row: PostMode) -> None:
    """A post's own mode row added or changed through the session."""
    keep(session, POST_MODES, row.post_id, row)


def _post_modes_of(session: Session, post_ids: Iterable[int]) -> dict[int, PostMode]:
    post_ids = list(post_ids)
    if not post_ids:
        return {}
    rows = session.exec(select(PostMode).where(col(PostMode.post_id).in_(post_ids)))
    return {row.post_id: row for row in rows}


def create_mode(session: Session, values: dict[str, object]) -> bool:
    """Insert a thread's first mode row; False when one exists (a repeated first post)."""
    made = insert_made(session, ThreadMode, values)
    if made is None:
        forget(session, THREAD_MODES, values["thread_id"])  # made by another request
        return False
    keep(session, THREAD_MODES, made.thread_id, made)
    return True


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
