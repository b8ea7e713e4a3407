"""The outbox table. Each row's id is its delivery id, the same on every retry."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from forumkit.db import UTCDateTime


class OutboxStatus(StrEnum):
    pending = "pending"  # waiting for its next attempt (or claimed until next_attempt_at)
    delivered = "delivered"
    dead = "dead"  # gave up: too many attempts, or the receiver refused it for good


class OutboxItem(SQLModel, table=True):
    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("forum_id", "dedupe_key"),
        Index("ix_outbox_due", "status", "next_attempt_at"),
        Index("ix_outbox_destination", "forum_id", "destination", "status", "next_attempt_at"),
    )

    id: str = Field(primary_key=True, max_length=40)
    forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    channel: str = Field(max_length=100)
    # Where it goes, within the forum: "adapter", or the channel and a digest of its target
    # (forumkit.outbox.destinations). Claims, limits and the circuit breaker go by it.
    destination: str = Field(default="adapter", max_length=80)
    kind: str = Field(max_length=64)
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    dedupe_key: str | None = Field(default=None, max_length=200)
    status: str = Field(default=OutboxStatus.pending, max_length=16)
    attempts: int = 0
    # When due; a worker that claims a row pushes this forward by a lease, so if the worker
    # dies mid-delivery the row comes due again by itself.
    next_attempt_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    last_error: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    delivered_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    # The worker holding the lease (a random token per worker); re-checked before each send,
    # so a row is never sent by two workers at once.
    claimed_by: str | None = Field(default=None, max_length=32)
    dead_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))


class OutboxDestination(SQLModel, table=True):
    """The state of one destination of one forum, kept once it has failed: the circuit
    breaker's count and pause, and whether an admin must re-enable it (a 410 Gone)."""

    __tablename__ = "outbox_destination"

    forum_id: int = Field(foreign_key="forum.id", primary_key=True, ondelete="CASCADE")
    key: str = Field(primary_key=True, max_length=80)
    label: str = Field(max_length=200)  # what it is, without secrets: "slack to hooks.slack.com"
    failures: int = 0  # failed deliveries in a row
    pauses: int = 0  # pauses in a row: each is twice as long as the one before
    paused_until: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    disabled_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    disabled_reason: str | None = Field(default=None, max_length=300)
    last_error: str | None = Field(default=None, max_length=500)
