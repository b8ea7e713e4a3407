"""Discourse's webhook bodies, as far as ForumKit reads them.

Shapes from Discourse's source: the body is {"<event type>": {...}} (emit_web_hook_event),
posts by WebHookPostSerializer, topics by WebHookTopicViewSerializer, users by
WebHookUserSerializer (user_destroyed too: the user as it was just before), likes by
WebHookLikeSerializer ({"post": ..., "user": ...}), categories by WebHookCategorySerializer
(a CategorySerializer: id, name, slug, ...; no time).
Only the fields below are read; everything else - usernames, names, e-mails, avatars -
is ignored here and so never goes further than this module.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

# Post.types in Discourse: only regular posts are members' words. Small actions ("closed
# this topic"), moderator actions and whispers are the site's or staff's own notes.
REGULAR_POST = 1
PRIVATE_MESSAGE = "private_message"


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class DiscoursePost(_Model):
    id: int
    topic_id: int
    user_id: int
    post_number: int
    post_type: int = REGULAR_POST
    created_at: AwareDatetime
    updated_at: AwareDatetime | None = None
    deleted_at: AwareDatetime | None = None
    raw: str | None = None  # passed on for classification, then dropped
    topic_title: str | None = None
    topic_slug: str | None = None
    topic_archetype: str | None = None
    category_id: int | None = None
    version: int | None = None
    staff: bool = False
    admin: bool = False
    moderator: bool = False
    hidden: bool = False

    @property
    def is_staff(self) -> bool:
        return self.staff or self.admin or self.moderator

    @property
    def is_private(self) -> bool:
        return self.topic_archetype == PRIVATE_MESSAGE


class DiscourseTopic(_Model):
    id: int
    title: str | None = None
    slug: str | None = None
    archetype: str | None = None
    category_id: int | None = None
    tags: list[str] = Field(default_factory=list)
    closed: bool = False
    archived: bool = False
    visible: bool = True
    created_at: AwareDatetime | None = None

    @field_validator("tags", mode="before")
    @classmethod
    def _tag_names(cls, value: Any) -> list[str]:
        # Older sites send tag names; newer ones may send {"id", "name", "slug"} objects.
        names: list[str] = []
        for tag in value or []:
            name = tag.get("name") if isinstance(tag, dict) else tag
            if isinstance(name, str) and name:
                names.append(name)
        return names


class DiscourseUserOption(_Model):
    timezone: str | None = None


class DiscourseUser(_Model):
    id: int
    created_at: AwareDatetime | None = None
    admin: bool = False
    moderator: bool = False
    locale: str | None = None  # the member's chosen interface language, if not the site's
    user_option: DiscourseUserOption | None = None

    @property
    def is_staff(self) -> bool:
        return self.admin or self.moderator

    @property
    def timezone(self) -> str | None:
        return self.user_option.timezone if self.user_option else None


class DiscourseCategory(_Model):
    id: int
    name: str | None = None


class DiscourseLike(_Model):
    post: DiscoursePost
    user: DiscourseUser


class PostBody(_Model):
    post: DiscoursePost


class TopicBody(_Model):
    topic: DiscourseTopic


class UserBody(_Model):
    user: DiscourseUser


class LikeBody(_Model):
    like: DiscourseLike


class CategoryBody(_Model):
    category: DiscourseCategory


def latest(*moments: datetime | None) -> datetime | None:
    known = [m for m in moments if m is not None]
    return max(known) if known else None
