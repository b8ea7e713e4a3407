"""Settings of a forum connected through the generic adapter."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, HttpUrl


class GenericSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    callback_url: HttpUrl | None = Field(
        default=None,
        description="Where ForumKit POSTs actions for the forum to carry out, signed the "
        "Standard Webhooks way with the forum's webhook secret",
    )
    pre_check: bool = Field(
        default=True,
        description="The forum asks /permissions before it accepts a reply or reaction",
    )
