"""What an admin sets per forum; validated on save and served as JSON Schema."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class NewThreadsSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    notify_moderators: bool = Field(default=False, description="Tell the moderators of each "
                                    "new thread")
    keep_days: int = Field(default=30, ge=1, le=365, description="Forget threads after this "
                           "many days")
