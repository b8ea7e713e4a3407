"""Queries on gratitude reactions. Reactions by a post's own author and on deleted posts
never count, whatever order the platform's events arrived in."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import ColumnElement, func, or_
from sqlmodel import Session, col, delete, select

from forumkit.db import insert_once
from forumkit.mirror.models import Post, Thread, visible
from forumkit.plugins.gratitude.models import GratitudeReaction as R


def add(
    session: Session, *, forum_id: int, post_id: int, member_id: int, kind: str, source: str,
    at: datetime,
) -> bool:
    """True when this call added the reaction; False when the member had already given it."""
    return insert_once(session, R, {
        "forum_id": forum_id, "post_id": post_id, "member_id": member_id, "kind": kind,
        "source": source, "created_at": at,
    })


def remove(session: Session, *, post_id: int, member_id: int, kind: str) -> bool:
    result = session.execute(
        delete(R).where(col(R.post_id) == post_id, col(R.member_id) == member_id,
                        col(R.kind) == kind)
    )
    return bool(getattr(result, "rowcount", 0))


def _counted() -> list[ColumnElement[bool]]:
    return [visible(),
            or_(col(Post.author_id).is_(None), col(Post.author_id) != col(R.member_id))]


def counts(session: Session, post_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    ids = list(post_ids)
    found: dict[int, dict[str, int]] = defaultdict(dict)
    if not ids:
        return {}
    rows = session.exec(
        select(R.post_id, R.kind, func.count())
        .join(Post, col(Post.id) == col(R.post_id))
        .where(col(R.post_id).in_(ids), *_counted())
        .group_by(col(R.post_id), col(R.kind))
    )
    for post_id, kind, n in rows:
        found[post_id][kind] = n
    return dict(found)


def given_by(session: Session, post_ids: Iterable[int], member_id: int) -> dict[int, list[str]]:
    ids = list(post_ids)
    found: dict[int, list[str]] = defaultdict(list)
    if not ids:
        return {}
    rows = session.exec(
        select(R.post_id, R.kind)
        .where(col(R.post_id).in_(ids), col(R.member_id) == member_id)
        .order_by(col(R.id))
    )
    for post_id, kind in rows:
        found[post_id].append(kind)
    return dict(found)


def received(
    session: Session, *, forum_id: int, author_id: int, since: datetime, until: datetime
) -> list[tuple[str, int, bool]]:
    """(kind, giver, in a thread the author started) of each reaction given in
    [since, until) to the author's posts."""
    rows = session.exec(
        select(R.kind, R.member_id, Thread.author_id)
        .join(Post, col(Post.id) == col(R.post_id))
        .outerjoin(Thread, col(Thread.id) == col(Post.thread_id))
        .where(col(R.forum_id) == forum_id, col(Post.author_id) == author_id,
               col(R.member_id) != author_id, visible(),
               col(R.created_at) >= since, col(R.created_at) < until)
    )
    return [(kind, member, starter == author_id) for kind, member, starter in rows]


def receivers(
    session: Session, *, forum_id: int, since: datetime, until: datetime
) -> list[int]:
    """Members whose posts were thanked in [since, until)."""
    rows = session.exec(
        select(Post.author_id).distinct()
        .join(R, col(R.post_id) == col(Post.id))
        .where(col(R.forum_id) == forum_id, col(Post.author_id).is_not(None),
               col(R.member_id) != col(Post.author_id), visible(),
               col(R.created_at) >= since, col(R.created_at) < until)
    )
    return sorted(m for m in rows if m is not None)


def erase_member(session: Session, forum_id: int, member_id: int) -> None:
    """Reactions the member gave, and those given to their posts."""
    theirs = select(Post.id).where(col(Post.forum_id) == forum_id,
                                   col(Post.author_id) == member_id)
    session.execute(delete(R).where(col(R.forum_id) == forum_id, or_(
        col(R.member_id) == member_id, col(R.post_id).in_(theirs))))
