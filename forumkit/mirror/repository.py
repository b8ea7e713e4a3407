"""Queries on the mirror: find or create members, threads and posts by platform id."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session, col, select

from forumkit.db import insert_once
from forumkit.identity import member_key
from forumkit.mirror.models import ErasedMember, Member, Post, Thread


def get_member(session: Session, forum_id: int, key: str) -> Member | None:
    return session.exec(
        select(Member).where(Member.forum_id == forum_id, Member.key == key)
    ).first()


def member_for(session: Session, forum_id: int, secret: str, platform_id: str) -> Member | None:
    return get_member(session, forum_id, member_key(secret, platform_id))


def ensure_member(session: Session, forum_id: int, key: str, now: datetime) -> Member:
    # insert-or-ignore first, so two batches naming a new member at once both succeed.
    insert_once(
        session,
        Member,
        {"forum_id": forum_id, "key": key, "first_seen": now, "post_count": 0, "is_staff": False},
    )
    member = get_member(session, forum_id, key)
    assert member is not None
    return member


def get_thread(session: Session, forum_id: int, ext_id: str) -> Thread | None:
    return session.exec(
        select(Thread).where(Thread.forum_id == forum_id, Thread.ext_id == ext_id)
    ).first()


def ensure_thread(session: Session, forum_id: int, ext_id: str) -> Thread:
    insert_once(session, Thread, {"forum_id": forum_id, "ext_id": ext_id, "tags": []})
    thread = get_thread(session, forum_id, ext_id)
    assert thread is not None
    return thread


def locked_thread(session: Session, forum_id: int, ext_id: str) -> Thread:
    """The thread row, made if need be, locked until the transaction ends (PostgreSQL).

    A thread's facts and its first post may arrive at the same moment in two transactions;
    the lock makes the second wait and then see what the first wrote.
    """
    thread = ensure_thread(session, forum_id, ext_id)
    locked = session.exec(
        select(Thread).where(Thread.id == thread.id).with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    return locked


def first_post(session: Session, thread_id: int) -> Post | None:
    return session.exec(
        select(Post).where(Post.thread_id == thread_id, col(Post.is_first_in_thread))
        .order_by(col(Post.id))
    ).first()


def get_post(session: Session, forum_id: int, ext_id: str) -> Post | None:
    return session.exec(
        select(Post).where(Post.forum_id == forum_id, Post.ext_id == ext_id)
    ).first()


def ensure_post(session: Session, forum_id: int, ext_id: str) -> tuple[Post, bool]:
    """The post row, and whether this call made it."""
    made = insert_once(
        session,
        Post,
        {
            "forum_id": forum_id, "ext_id": ext_id, "is_first_in_thread": False,
            "author_is_staff": False,
        },
    )
    post = get_post(session, forum_id, ext_id)
    assert post is not None
    return post, made


def posts_by_ext_ids(session: Session, forum_id: int, ext_ids: Iterable[str]) -> list[Post]:
    return list(
        session.exec(
            select(Post).where(Post.forum_id == forum_id, col(Post.ext_id).in_(list(ext_ids)))
        )
    )


def erased_keys(session: Session, forum_id: int, keys: Iterable[str]) -> set[str]:
    """Those of `keys` that belong to members whose account the platform deleted."""
    wanted = sorted(set(keys))
    if not wanted:
        return set()
    return set(session.exec(select(ErasedMember.key).where(
        ErasedMember.forum_id == forum_id, col(ErasedMember.key).in_(wanted))))


def remember_erased(session: Session, forum_id: int, key: str, at: datetime) -> None:
    insert_once(session, ErasedMember, {"forum_id": forum_id, "key": key, "erased_at": at})
