"""Which events and webhook deliveries have been seen, so repeats change nothing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, PrimaryKeyConstraint
from sqlmodel import Field, SQLModel

from forumkit.db import UTCDateTime


class IngestedEvent(SQLModel, table=True):
    __tablename__ = "ingested_event"
    __table_args__ = (PrimaryKeyConstraint("forum_id", "event_id"),)

    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE")
    event_id: str = Field(max_length=200)
    type: str = Field(max_length=40)
    received_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False, index=True))


MAX_MESSAGE_ID = 200  # the longest webhook delivery id (webhook-id) that is remembered


class WebhookReceipt(SQLModel, table=True):
    __tablename__ = "webhook_receipt"
    __table_args__ = (PrimaryKeyConstraint("forum_id", "message_id"),)

    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE")
    message_id: str = Field(max_length=MAX_MESSAGE_ID)
    received_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False, index=True))
