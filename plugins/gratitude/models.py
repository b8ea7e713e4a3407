"""Gratitude reactions: one row per member, post and kind. No names, no platform ids."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from forumkit.db import UTCDateTime


class GratitudeReaction(SQLModel, table=True):
    __tablename__ = "gratitude_reaction"
    __table_args__ = (
        UniqueConstraint("post_id", "member_id", "kind"),
        Index("ix_gratitude_reaction_member", "member_id"),
        Index("ix_gratitude_reaction_forum_created", "forum_id", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", ondelete="CASCADE")
    post_id: int = Field(foreign_key="post.id", ondelete="CASCADE")
    member_id: int = Field(foreign_key="member.id", ondelete="CASCADE",
                           description="Who gave it (a mirror member)")
    kind: str = Field(max_length=40, description="A gratitude kind key of the forum's set")
    source: str = Field(max_length=16, description="api (ForumKit's route) or platform")
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
