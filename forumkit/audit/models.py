"""The audit entry table."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from forumkit.db import UTCDateTime


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int | None = Field(
        default=None, foreign_key="forum.id", index=True, ondelete="CASCADE"
    )
    at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False, index=True))
    actor: str = Field(max_length=100, description="key:<id>, cli, or system")
    action: str = Field(max_length=100)
    subject: str = Field(default="", max_length=200)
    before: Any = Field(default=None, sa_column=Column(JSON))
    after: Any = Field(default=None, sa_column=Column(JSON))
