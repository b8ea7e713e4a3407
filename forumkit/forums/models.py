"""Tables of a forum and of the plugins switched on for it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from forumkit.db import UTCDateTime


class Forum(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=64, unique=True, index=True)
    name: str = Field(max_length=200)
    adapter: str = Field(max_length=64)
    adapter_settings: dict[str, Any] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )
    # Verifies what the platform sends us and signs what we send it.
    webhook_secret: str = Field(max_length=128)
    # After a rotation, the secret before it still verifies what the platform sends until
    # then (never signs), so deliveries already on their way are not refused.
    previous_webhook_secret: str | None = Field(default=None, max_length=128)
    previous_webhook_secret_until: datetime | None = Field(
        default=None, sa_column=Column(UTCDateTime, nullable=True)
    )
    # Keys the member pseudonyms: HMAC-SHA256(member_secret, platform user id).
    member_secret: str = Field(max_length=128)
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    # How ForumKit speaks to the forum's members and moderators (forumkit/messages): the
    # language of its texts, and the IANA zone of the times in them.
    locale: str = Field(default="en", max_length=35, sa_column_kwargs={"server_default": "en"})
    timezone: str = Field(default="UTC", max_length=64,
                          sa_column_kwargs={"server_default": "UTC"})


class ForumPlugin(SQLModel, table=True):
    __tablename__ = "forum_plugin"
    __table_args__ = (UniqueConstraint("forum_id", "plugin"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    plugin: str = Field(max_length=64)
    enabled: bool = True
    settings: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
