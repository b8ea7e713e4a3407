"""Edge models of the forum, key, plugin and audit routes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from forumkit.inputs import Input
from forumkit.keys.models import Scope


class ForumCreate(Input):
    slug: str = Field(max_length=64, description="Lower-case letters, digits and hyphens")
    adapter: str = Field(default="generic", description="generic, discourse, ...")
    name: str | None = Field(default=None, max_length=200)
    adapter_settings: dict[str, Any] = Field(default_factory=dict)


class ForumUpdate(Input):
    name: str | None = Field(default=None, max_length=200)
    adapter_settings: dict[str, Any] = Field(default_factory=dict)
    locale: str | None = Field(default=None, max_length=35, description="The language of "
                               "ForumKit's texts to members and moderators, e.g. en, es")
    timezone: str | None = Field(default=None, max_length=64, description="The IANA zone of "
                                 "times in those texts, e.g. Europe/London")


class ForumOut(BaseModel):
    slug: str
    name: str
    adapter: str
    adapter_settings: dict[str, Any]
    created_at: datetime
    webhook_url: str = Field(description="Where the platform sends its webhooks")
    locale: str = Field(default="en", description="The language of ForumKit's texts")
    timezone: str = Field(default="UTC", description="The zone of times in those texts")


class ForumCreated(ForumOut):
    webhook_secret: str = Field(description="Signs webhooks both ways; keep it secret")


class KeyCreate(Input):
    scope: Scope
    label: str = Field(default="", max_length=200)


class KeyOut(BaseModel):
    id: int
    prefix: str
    scope: str
    label: str
    forum: str | None
    created_at: datetime
    revoked_at: datetime | None


class KeyCreated(KeyOut):
    key: str = Field(description="The key itself; shown this once and never again")


class PluginOut(BaseModel):
    name: str
    title: str
    description: str
    enabled: bool
    settings: dict[str, Any]
    schema_: dict[str, Any] = Field(alias="schema", serialization_alias="schema")


class PluginUpdate(Input):
    enabled: bool | None = None
    settings: dict[str, Any] | None = None


class AuditOut(BaseModel):
    id: int
    at: datetime
    actor: str
    action: str
    subject: str
    before: Any
    after: Any
