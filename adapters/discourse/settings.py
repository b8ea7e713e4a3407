"""Settings of a forum connected through the Discourse adapter: where its API is, and how
Discourse's tags, categories and likes map to ForumKit's labels, modes and gratitude."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator

from forumkit.outbound import OutboundUrl

Name = Annotated[str, Field(min_length=1, max_length=100)]


class DiscourseSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    base_url: OutboundUrl | None = Field(
        default=None,
        description="The forum's address, e.g. https://forum.example.org (no trailing path)",
    )
    api_key: str | None = Field(
        default=None, min_length=8, max_length=200, json_schema_extra={"secret": True},
        description="An API key made in Discourse's admin (Advanced > API keys), for all users "
        "or for the API username below",
    )
    api_username: str = Field(
        default="system", min_length=1, max_length=60,
        description="The staff account ForumKit acts as; moderators see its name on messages",
    )
    moderator_group: Name = Field(
        default="moderators",
        description="The Discourse group that receives ForumKit's alerts as private messages",
    )
    warning_tags: dict[Name, Name] = Field(
        default_factory=dict,
        description="Discourse tag -> ForumKit content-warning label, e.g. "
        '{"cw-self-harm": "self-harm"}; labels added in ForumKit are added back as these tags',
    )
    diary_tags: list[Name] = Field(
        default_factory=lambda: ["diary"],
        description="Tags that make a topic a diary (replies closed, reactions welcome)",
    )
    diary_categories: list[Name] = Field(
        default_factory=list, description="Category ids whose topics are diaries",
    )
    reactions_only_tags: list[Name] = Field(
        default_factory=list, description="Tags that make a topic reactions-only",
    )
    reactions_only_categories: list[Name] = Field(
        default_factory=list, description="Category ids whose topics are reactions-only",
    )
    announcement_categories: list[Name] = Field(
        default_factory=list,
        description="Category ids of announcements: not requests for support, never alerted on",
    )
    like_kind: Name = Field(
        default="thank_you",
        description="The gratitude kind a Discourse like counts as. With discourse-reactions, "
        "every reaction that counts as a like arrives as a like too",
    )
    whispers: bool = Field(
        default=False,
        description="The site has whispers on (Settings > whispers allowed groups) and the API "
        "user may whisper: ForumKit may leave staff-only notes in topics",
    )
    hide_flag_type_id: int = Field(
        default=3, ge=1, le=20,
        description="The flag ForumKit raises when it hides a reply (3 is off-topic, the "
        "mildest); the post is hidden at once and queued for a moderator's review",
    )

    @field_validator("base_url")
    @classmethod
    def _no_path(cls, value: HttpUrl | None) -> HttpUrl | None:
        if value is not None and value.path not in (None, "", "/"):
            raise ValueError("give the forum's address alone, without a path")
        return value

    def root(self) -> str | None:
        return str(self.base_url).rstrip("/") if self.base_url else None

    def label_for_tag(self, tag: str) -> str | None:
        return self.warning_tags.get(tag)

    def tag_for_label(self, label: str) -> str:
        for tag, mapped in self.warning_tags.items():
            if mapped == label:
                return tag
        return label  # an unmapped label becomes a tag of its own name
