"""Mirror tables. Members are keyed hashes; no names, e-mails, IPs or post bodies are kept."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import JSON, Column, ColumnElement, Index, UniqueConstraint, and_
from sqlmodel import Field, SQLModel

from forumkit.clock import as_utc
from forumkit.db import UTCDateTime

# Defaults of who counts as new (plugins may let admins change them).
SETTLING_DAYS = 14  # after a forum connects, ForumKit's first sight of a member means little
NEW_FOR_DAYS = 30  # a member who joined longer ago than this is no longer new


class Member(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("forum_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE")
    key: str = Field(max_length=64, description="HMAC-SHA256(forum member secret, platform id)")
    first_seen: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    # When the platform says they joined (member.created); None when it never said.
    joined_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    post_count: int = 0
    is_staff: bool = False

    def is_new(self, forum_created_at: datetime, now: datetime, *, posts: int,
               settling_days: int = SETTLING_DAYS, new_for_days: int = NEW_FOR_DAYS) -> bool:
        """Whether this member counts as new: within their first `posts` posts and, by the
        join time the platform sent, joined within `new_for_days`; without one, first seen
        by ForumKit only after the forum's first `settling_days` (before that everyone it
        meets is someone it has not seen yet, veterans included)."""
        if posts <= 0 or self.post_count > posts:
            return False
        if self.joined_at is not None:
            return as_utc(now) - as_utc(self.joined_at) <= timedelta(days=new_for_days)
        if settling_days == 0:  # the forum counts everyone new by their posts alone
            return True
        settled = as_utc(forum_created_at) + timedelta(days=settling_days)
        return as_utc(self.first_seen) >= settled


class Thread(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("forum_id", "ext_id"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE")
    ext_id: str = Field(max_length=200, description="The platform's thread id")
    category_id: str | None = Field(default=None, max_length=200)
    tags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    title: str | None = Field(default=None, max_length=500)
    url: str | None = Field(default=None, max_length=2000)
    author_id: int | None = Field(default=None, foreign_key="member.id", ondelete="SET NULL")
    created_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    closed: bool = Field(default=False, description="Locked on the platform")
    announcement: bool = False
    # Post fields a thread.updated reported before the thread's first post arrived (content
    # warnings, response mode): handed to plugins with that post's post.created, then cleared.
    pending_post_fields: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))


class Post(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("forum_id", "ext_id"),
        Index("ix_post_thread", "thread_id"),
        Index("ix_post_author", "author_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE")
    ext_id: str = Field(max_length=200, description="The platform's post id")
    thread_id: int | None = Field(default=None, foreign_key="thread.id", ondelete="CASCADE")
    author_id: int | None = Field(default=None, foreign_key="member.id", ondelete="SET NULL")
    reply_to_ext_id: str | None = Field(default=None, max_length=200)
    is_first_in_thread: bool = False
    author_is_staff: bool = False
    url: str | None = Field(default=None, max_length=2000)
    # None until the platform's "created" event arrives (an edit or a reaction can come first).
    created_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    edited_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    deleted_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    # occurred_at of the newest event whose content was applied: older ones don't overwrite it.
    content_as_of: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    # Came in an import of history: never counted as help given or care needed.
    imported: bool = False
    # A moderator hid it on the platform (post.hidden); None again once it is shown. Only
    # when: the reason and the moderator's words are not kept.
    hidden_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))

    @property
    def visible(self) -> bool:
        """Readers can see it: neither deleted nor hidden."""
        return self.deleted_at is None and self.hidden_at is None


def visible(post: Any = Post) -> ColumnElement[bool]:
    """Where `post` (the Post table or an alias of it) is neither deleted nor hidden: only
    such posts answer a thread or count as help."""
    return and_(post.deleted_at.is_(None), post.hidden_at.is_(None))


class ErasedMember(SQLModel, table=True):
    """The pseudonym of a member whose account the platform deleted (member.deleted), and
    nothing else: events naming them later are acknowledged and change nothing, so a late
    delivery cannot bring anything of theirs back."""

    __tablename__ = "erased_member"
    __table_args__ = (UniqueConstraint("forum_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE")
    key: str = Field(max_length=64, description="The member's keyed hash, as in member.key")
    erased_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))



class CategoryName(SQLModel, table=True):
    """A subforum's name as the platform last sent it (`category_name` beside `category_id`
    in an event), so moderators read "in Anxiety" rather than an id. Only the name."""

    __tablename__ = "category_name"
    __table_args__ = (UniqueConstraint("forum_id", "category_id"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE")
    category_id: str = Field(max_length=200, description="The platform's subforum id")
    name: str = Field(max_length=200)
    # occurred_at of the event that gave this name: an older event delivered late does not
    # put an older name back.
    updated_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
