"""Tables of content warnings: the forum's labels, labels on posts and their history,
readers' preferences, and the word lists the suggesters use.

Labels on posts and preferences point at mirror rows, so erasing a member or a post
cascades here. Nothing of a post's text is kept: a suggestion records the lexicon terms
that matched, never the words of the post.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from forumkit.db import UTCDateTime

# Where a label on a post came from.
AUTHOR = "author"
MODERATOR = "moderator"
SUGGESTER = "suggester"
# What a label on a post is now.
APPLIED = "applied"  # readers see it
SUGGESTED = "suggested"  # proposed to the author, not confirmed
DISMISSED = "dismissed"  # proposed and turned down: not proposed again
REMOVED = "removed"  # was applied, then taken off


class CwForum(SQLModel, table=True):
    """One row per forum whose default taxonomy, lexicon and language list were seeded."""

    __tablename__ = "content_warnings_forum"

    forum_id: int = Field(foreign_key="forum.id", primary_key=True, ondelete="CASCADE")
    seeded_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class CwLabel(SQLModel, table=True):
    __tablename__ = "content_warnings_label"
    __table_args__ = (UniqueConstraint("forum_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE")
    key: str = Field(max_length=64, description="Stable: used by platforms and in tags")
    name: str = Field(max_length=100, description="What readers see")
    description: str = Field(default="", max_length=300)
    position: int = 0
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    retired_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))


class CwPostLabel(SQLModel, table=True):
    """A label on a post, one row per post and label, in its current state."""

    __tablename__ = "content_warnings_post_label"
    __table_args__ = (UniqueConstraint("post_id", "label_id"),
                      Index("ix_content_warnings_post_label_pending", "forum_id", "state"))

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE")
    post_id: int = Field(foreign_key="post.id", ondelete="CASCADE")
    label_id: int = Field(foreign_key="content_warnings_label.id", ondelete="CASCADE")
    state: str = Field(max_length=16)
    source: str = Field(max_length=16)
    actor: str = Field(max_length=64, description="member:<id>, key:<id> or suggester:<name>")
    reason: str | None = Field(default=None, max_length=500)
    matched: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class CwHistory(SQLModel, table=True):
    """Every change to the labels of a post: who, when, from what source, and why."""

    __tablename__ = "content_warnings_history"
    __table_args__ = (Index("ix_content_warnings_history_post", "post_id"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE")
    post_id: int = Field(foreign_key="post.id", ondelete="CASCADE")
    label_key: str = Field(max_length=64)
    change: str = Field(max_length=16, description="added, removed, suggested, dismissed")
    source: str = Field(max_length=16)
    actor: str = Field(max_length=64)
    actor_member_id: int | None = Field(
        default=None, foreign_key="member.id", ondelete="SET NULL", index=True
    )
    reason: str | None = Field(default=None, max_length=500)
    matched: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class CwPreference(SQLModel, table=True):
    __tablename__ = "content_warnings_preference"
    __table_args__ = (UniqueConstraint("member_id", "label_id"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE")
    member_id: int = Field(foreign_key="member.id", ondelete="CASCADE")
    label_id: int = Field(foreign_key="content_warnings_label.id", ondelete="CASCADE")
    display: str = Field(max_length=8, description="show, blur or hide")
    updated_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class CwLexiconTerm(SQLModel, table=True):
    """A word or phrase that suggests a label."""

    __tablename__ = "content_warnings_lexicon_term"
    __table_args__ = (UniqueConstraint("label_id", "phrase"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE", index=True)
    label_id: int = Field(foreign_key="content_warnings_label.id", ondelete="CASCADE")
    phrase: str = Field(max_length=100)


class CwLanguageTerm(SQLModel, table=True):
    """A stigmatising phrase, the kinder wording to suggest, and why."""

    __tablename__ = "content_warnings_language_term"
    __table_args__ = (UniqueConstraint("forum_id", "phrase"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE")
    phrase: str = Field(max_length=100)
    suggestion: str = Field(max_length=200)
    why: str = Field(max_length=300)
