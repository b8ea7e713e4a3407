"""Edge models of the outbox routes: deliveries, destinations, and retrying in bulk."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from forumkit.inputs import Input


class OutboxOut(BaseModel):
    id: str
    channel: str
    kind: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None
    destination: str = Field(description="Where it goes: `adapter`, or the channel and a "
                             "digest of its target (see `GET .../outbox/destinations`)")
    dead_at: datetime | None = None
    notice: str | None = Field(default=None, description="Why a waiting delivery is held "
                               "back: its destination is paused or disabled")


class DestinationOut(BaseModel):
    key: str
    label: str = Field(description="The channel and host, or how many addresses; no secrets")
    channel: str
    state: Literal["active", "paused", "disabled"]
    pending: int
    dead: int
    failures: int = Field(description="Failed deliveries in a row")
    paused_until: datetime | None
    disabled_at: datetime | None
    reason: str | None
    last_error: str | None
    notice: str | None


class RetryFilter(Input):
    """Which dead deliveries to send again; every field left out matches everything."""

    model_config = ConfigDict(extra="forbid")

    destination: str | None = Field(default=None, max_length=80)
    channel: str | None = Field(default=None, max_length=100)
    since: AwareDatetime | None = Field(default=None, description="Gone dead at or after")
    until: AwareDatetime | None = Field(default=None, description="Gone dead before")

    @model_validator(mode="after")
    def _in_order(self) -> RetryFilter:
        if self.since is not None and self.until is not None and self.until <= self.since:
            raise ValueError("until must be after since")
        return self


class RetryOut(BaseModel):
    retried: int
