"""Queries on forums and their plugin rows."""

from __future__ import annotations

from sqlmodel import Session, col, select

from forumkit.forums.models import Forum, ForumPlugin


def by_slug(session: Session, slug: str) -> Forum | None:
    return session.exec(select(Forum).where(Forum.slug == slug)).first()


def all_forums(session: Session) -> list[Forum]:
    return list(session.exec(select(Forum).order_by(col(Forum.slug))))


def plugin_row(session: Session, forum_id: int, plugin: str) -> ForumPlugin | None:
    return session.exec(
        select(ForumPlugin).where(ForumPlugin.forum_id == forum_id, ForumPlugin.plugin == plugin)
    ).first()
