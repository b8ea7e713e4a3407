"""Helper-impact tables: notes from the people helped, helpers' preferences, care notices
sent, weekly digest runs, and members' feedback on the forum. No names or platform ids."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from forumkit.db import UTCDateTime

NOTE_MAX = 500
FEEDBACK_MAX = 2000


class HelperImpactNote(SQLModel, table=True):
    """What changed for someone, attached to the reply that helped them."""

    __tablename__ = "helper_impact_note"
    __table_args__ = (
        UniqueConstraint("post_id", "author_id"),
        Index("ix_helper_impact_note_helper", "helper_id", "created_at"),
        Index("ix_helper_impact_note_author", "author_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE")
    post_id: int = Field(foreign_key="post.id", ondelete="CASCADE", description="The reply")
    helper_id: int = Field(foreign_key="member.id", ondelete="CASCADE",
                           description="Who wrote the reply")
    author_id: int = Field(foreign_key="member.id", ondelete="CASCADE",
                           description="Who wrote the note: the person helped")
    text: str = Field(max_length=NOTE_MAX)
    anonymous: bool = Field(description="The helper is not told who wrote it")
    public: bool = Field(description="Shown under the reply to every reader")
    labels: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False),
                              description="Content warnings suggested for the note's text")
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class HelperImpactPreference(SQLModel, table=True):
    __tablename__ = "helper_impact_preference"
    __table_args__ = (UniqueConstraint("member_id"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE")
    member_id: int = Field(foreign_key="member.id", ondelete="CASCADE")
    digest: bool = True
    note_messages: bool = True
    updated_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class HelperImpactCareNotice(SQLModel, table=True):
    """A helper-care message sent; at most one per helper per window."""

    __tablename__ = "helper_impact_care_notice"
    __table_args__ = (
        UniqueConstraint("member_id", "window_key"),
        Index("ix_helper_impact_care_notice_forum_sent", "forum_id", "sent_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE")
    member_id: int = Field(foreign_key="member.id", ondelete="CASCADE")
    window_key: int = Field(description="Which window (of the forum's length) it was sent in")
    threads: int = Field(description="High-risk threads the helper had replied to")
    sent_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class HelperImpactDigestRun(SQLModel, table=True):
    """One row per forum per ISO week digested: whoever inserts it sends that week's digests."""

    __tablename__ = "helper_impact_digest_run"
    __table_args__ = (UniqueConstraint("forum_id", "week"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE")
    week: str = Field(max_length=10, description="The ISO week summarised, e.g. 2026-W02")
    helpers: int = 0
    ran_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class HelperImpactFeedback(SQLModel, table=True):
    """A member's suggestion about how the forum works, and the admins' answer."""

    __tablename__ = "helper_impact_feedback"
    __table_args__ = (Index("ix_helper_impact_feedback_forum_created", "forum_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE")
    member_id: int = Field(foreign_key="member.id", ondelete="CASCADE", index=True)
    text: str = Field(max_length=FEEDBACK_MAX)
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    answer: str | None = Field(default=None, max_length=FEEDBACK_MAX)
    answered_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    answered_by: str | None = Field(default=None, max_length=64, description="key:<id>")
