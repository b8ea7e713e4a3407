"""Tables: each thread's response mode now, and every change of it (who, never which member's
words). Members appear only as mirror ids (keyed pseudonyms)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from forumkit.db import UTCDateTime


class ThreadMode(SQLModel, table=True):
    __tablename__ = "response_modes_thread"
    __table_args__ = (
        UniqueConstraint("thread_id"),
        Index("ix_response_modes_thread_held", "mode", "opens_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE")
    thread_id: int = Field(foreign_key="thread.id", ondelete="CASCADE")
    mode: str = Field(max_length=32)
    allow_reactions: bool = Field(default=False, description="For diary: the author allows them")
    opens_at: datetime | None = Field(
        default=None, sa_column=Column(UTCDateTime), description="For held: replies open then"
    )
    # Replies written before this moment were written under the previous mode: they stay.
    changed_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    source: str = Field(max_length=32, description="post, tag, category, forum, author, ...")


class ModeChange(SQLModel, table=True):
    __tablename__ = "response_modes_change"
    __table_args__ = (Index("ix_response_modes_change_thread", "thread_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE")
    thread_id: int = Field(foreign_key="thread.id", ondelete="CASCADE")
    from_mode: str | None = Field(default=None, max_length=32)
    to_mode: str = Field(max_length=32)
    allow_reactions: bool = False
    opens_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    by: str = Field(max_length=32, description="author, moderator, post, tag, category, ...")
    actor_member_id: int | None = Field(default=None, foreign_key="member.id",
                                        ondelete="SET NULL")
    at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class PostMode(SQLModel, table=True):
    """A mode on one reply, where the platform lets an author set it per post: replies to
    that post (by `reply_to_id`) and reactions on it follow it, inside its thread's mode."""

    __tablename__ = "response_modes_post"
    __table_args__ = (UniqueConstraint("post_id"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE")
    post_id: int = Field(foreign_key="post.id", ondelete="CASCADE")
    mode: str = Field(max_length=32)
    allow_reactions: bool = False
    opens_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    changed_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
