"""Tables: posts being watched for an answer, the alerts fired for them, and every transition.

A watch row per thread-opening post keeps `due_at`, the moment its next tier falls due
(indexed; NULL once nothing more is due), so finding due posts is one index range scan.
An alert row per (post, kind, tier) is unique: firing inserts it with ON CONFLICT DO NOTHING in
the same transaction as the outbox rows, so however many schedulers race, one wins.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from forumkit.db import UTCDateTime


class WatchState(StrEnum):
    waiting = "waiting"  # no answer yet; due_at says when the next tier fires
    answered = "answered"
    resolved = "resolved"  # a moderator resolved its alert without waiting for an answer
    stopped = "stopped"  # all tiers fired, or a moderator has it in hand
    skipped = "skipped"  # became a diary, locked, announcement... after it was watched
    deleted = "deleted"
    hidden = "hidden"  # a moderator hid the post; watched again if they show it
    followed_up = "followed_up"  # the author posted again before any alert: that post is watched


class AlertState(StrEnum):
    open = "open"
    claimed = "claimed"
    acknowledged = "acknowledged"
    snoozed = "snoozed"
    resolved = "resolved"


class AlertKind(StrEnum):
    unanswered = "unanswered"  # a post left without a reply past its window
    risk = "risk"  # a post whose words suggest its writer may be at risk now: at once


class UnansweredWatch(SQLModel, table=True):
    __tablename__ = "unanswered_watch"
    __table_args__ = (
        UniqueConstraint("post_id", "kind", name="uq_unanswered_watch_post_kind"),
        Index("ix_unanswered_watch_due", "due_at"),
        Index("ix_unanswered_watch_thread", "thread_id"),
        Index("ix_unanswered_watch_forum_posted", "forum_id", "posted_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE")
    post_id: int = Field(foreign_key="post.id", ondelete="CASCADE")
    thread_id: int = Field(foreign_key="thread.id", ondelete="CASCADE")
    kind: str = Field(default=AlertKind.unanswered, max_length=16)
    category_id: str | None = Field(default=None, max_length=200)
    posted_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    # When ForumKit learned of the post: an alert is late only when held up after this.
    received_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    new_member: bool = False
    state: str = Field(default=WatchState.waiting, max_length=16)
    next_tier: int = 1
    due_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    answered_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    answered_by_staff: bool = False
    alerted_before_answer: bool = False
    # Only when the forum opted in to short excerpts; cleared when the watch ends.
    excerpt: str | None = Field(default=None, max_length=280)


class UnansweredAlert(SQLModel, table=True):
    __tablename__ = "unanswered_alert"
    __table_args__ = (
        UniqueConstraint("post_id", "kind", "tier", name="uq_unanswered_alert_post_kind_tier"),
        Index("ix_unanswered_alert_queue", "forum_id", "state", "due_at"),
        Index("ix_unanswered_alert_thread", "thread_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE")
    watch_id: int = Field(foreign_key="unanswered_watch.id", ondelete="CASCADE")
    post_id: int = Field(foreign_key="post.id", ondelete="CASCADE")
    thread_id: int = Field(foreign_key="thread.id", ondelete="CASCADE")
    kind: str = Field(default=AlertKind.unanswered, max_length=16)
    category_id: str | None = Field(default=None, max_length=200)
    tier: int
    # Risk alerts: why, for moderators only ([{code, explanation}]); never the post's words.
    reasons: list[dict[str, str]] | None = Field(default=None, sa_column=Column(JSON))
    new_member: bool = False
    due_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    fired_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    late: bool = False
    out_of_hours: bool = False
    channels: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    state: str = Field(default=AlertState.open, max_length=16)
    claimed_by: str | None = Field(default=None, max_length=64)
    snoozed_until: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    resolved_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    resolution: str | None = Field(
        default=None, max_length=16, description="answered, moderator, escalated, deleted, skipped"
    )
    note: str | None = Field(default=None, max_length=1000)


class UnansweredAlertStep(SQLModel, table=True):
    """One transition of an alert: who did what, when."""

    __tablename__ = "unanswered_alert_step"

    id: int | None = Field(default=None, primary_key=True)
    alert_id: int = Field(foreign_key="unanswered_alert.id", index=True, ondelete="CASCADE")
    at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    actor: str = Field(max_length=64, description="key:<id>, or 'forumkit' for automatic steps")
    action: str = Field(max_length=16)
    note: str | None = Field(default=None, max_length=1000)


class UnansweredConcern(SQLModel, table=True):
    """A post whose words were a concern about its writer now (no alert by themselves),
    kept for a while in case a risk label comes later: then the two together alert. Holds
    the rules' reason codes and their fixed explanations, never the post's words."""

    __tablename__ = "unanswered_concern"

    post_id: int = Field(foreign_key="post.id", primary_key=True, ondelete="CASCADE")
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE", index=True)
    thread_id: int = Field(foreign_key="thread.id", ondelete="CASCADE")
    seen_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    reasons: list[dict[str, str]] = Field(default_factory=list,
                                          sa_column=Column(JSON, nullable=False))
