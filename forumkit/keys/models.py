"""The API key table."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from forumkit.db import UTCDateTime


class Scope(StrEnum):
    platform = "platform"
    moderator = "moderator"
    admin = "admin"


class ApiKey(SQLModel, table=True):
    __tablename__ = "api_key"

    id: int | None = Field(default=None, primary_key=True)
    # SHA-256 of the key: keys are 256 random bits, so a fast hash is enough at rest.
    key_hash: str = Field(max_length=64, unique=True, index=True)
    prefix: str = Field(max_length=16, description="First characters, to recognise a key")
    forum_id: int | None = Field(
        default=None, foreign_key="forum.id", index=True, ondelete="CASCADE"
    )
    scope: str = Field(max_length=16)
    label: str = Field(default="", max_length=200)
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
