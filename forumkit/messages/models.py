"""The table of per-forum overrides: an admin's own words for a message of the catalogue."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from forumkit.db import UTCDateTime


class MessageOverride(SQLModel, table=True):
    __tablename__ = "message_override"
    __table_args__ = (UniqueConstraint("forum_id", "message_id"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    message_id: str = Field(max_length=100)
    text: str = Field(max_length=2000)
    updated_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    updated_by: str = Field(max_length=100)
