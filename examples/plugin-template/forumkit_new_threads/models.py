"""The plugin's table: the threads it saw start. Keep only what the feature needs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from forumkit.db import UTCDateTime


class NewThread(SQLModel, table=True):
    __tablename__ = "new_threads_thread"
    __table_args__ = (UniqueConstraint("thread_id"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE", index=True)
    thread_id: int = Field(foreign_key="thread.id", ondelete="CASCADE")
    author_id: int | None = Field(default=None, foreign_key="member.id", ondelete="SET NULL")
    started_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False, index=True))
