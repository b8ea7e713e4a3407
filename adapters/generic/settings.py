"""Settings of a forum connected through the generic adapter."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from forumkit.outbound import OutboundUrl


class GenericSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    callback_url: OutboundUrl | None = Field(
        default=None,
        description="Where ForumKit POSTs actions for the forum to carry out, signed the "
        "Standard Webhooks way with the forum's webhook secret; a public address unless the "
        "operator allows it (FORUMKIT_OUTBOUND_ALLOW)",
    )
    pre_check: bool = Field(
        default=True,
        description="The forum asks /permissions before it accepts a reply or reaction",
    )
