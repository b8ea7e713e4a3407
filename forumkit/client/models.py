"""The typed events a forum sends and the actions ForumKit sends back, for forum code.

The models are the server's own (forumkit.events, forumkit.actions), re-exported here so a
forum's code and ForumKit read one definition. `ActionDelivery` is the envelope the generic
adapter POSTs to a forum's callback URL, with its `data` read as the action's typed model.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from forumkit.actions import (
    PAYLOADS,
    HidePost,
    MessageMember,
    NotifyModerators,
    PostWhisper,
    SetPostTags,
    SetThreadReplies,
)
from forumkit.events import (
    EVENT,
    CategoryFields,
    CategoryUpdated,
    Event,
    EventBatch,
    MemberChanges,
    MemberCreated,
    MemberDeleted,
    MemberFields,
    MemberRef,
    MemberUpdated,
    NewPostFields,
    PostCreated,
    PostDeleted,
    PostEdited,
    PostFields,
    PostHidden,
    PostModeration,
    PostRef,
    PostRestored,
    PostUnhidden,
    ReactionAdded,
    ReactionFields,
    ReactionRemoved,
    ThreadFields,
    ThreadUpdated,
)

__all__ = [
    "ACTIONS", "ActionDelivery", "ActionError", "ActionModel", "CategoryFields",
    "CategoryUpdated", "Event", "EventBatch",
    "HidePost", "MemberChanges", "MemberCreated", "MemberDeleted", "MemberFields",
    "MemberRef", "MemberUpdated", "MessageMember", "NewPostFields", "NotifyModerators",
    "PostCreated", "PostDeleted", "PostEdited", "PostFields", "PostHidden", "PostModeration",
    "PostRef", "PostRestored", "PostUnhidden", "PostWhisper", "ReactionAdded",
    "ReactionFields", "ReactionRemoved",
    "SetPostTags", "SetThreadReplies", "ThreadFields", "ThreadUpdated", "parse_event",
]

ActionModel = (NotifyModerators | MessageMember | SetThreadReplies | HidePost | SetPostTags
               | PostWhisper)
# The actions a forum's callback URL receives, by their `type`. ("alert" goes to alert
# channels, never to a forum.)
ACTIONS: dict[str, type[ActionModel]] = {
    name: model for name, model in PAYLOADS.items()  # type: ignore[misc]
    if name != "alert"
}


class ActionError(ValueError):
    """A delivery whose signature holds but which is not an action this library knows."""


class ActionDelivery(BaseModel):
    """One action as delivered: `id` is the same on every retry, so drop repeats by it."""

    model_config = ConfigDict(frozen=True)

    id: str
    type: str = Field(description="The action's kind, e.g. hide_post")
    forum: str
    created_at: datetime
    attempt: int
    action: ActionModel = Field(description="The action's fields, typed by its kind")

    @classmethod
    def from_json(cls, body: bytes | str) -> ActionDelivery:
        """Read a delivery's JSON body; raise ActionError when it is not a known action."""
        try:
            envelope = _Envelope.model_validate_json(body)
        except ValidationError as exc:
            raise ActionError(f"not an action delivery: {exc.error_count()} problems") from None
        model = ACTIONS.get(envelope.type)
        if model is None:
            raise ActionError(f"unknown action type {envelope.type!r}")
        # Fields a newer ForumKit adds are left out rather than refused, so an upgrade of the
        # service never makes a forum's receiver turn its actions away.
        known = {k: v for k, v in envelope.data.items() if k in model.model_fields}
        try:
            action = model.model_validate({**known, "kind": envelope.type})
        except ValidationError as exc:
            raise ActionError(f"{envelope.type}: {_where(exc)}") from None
        return cls(id=envelope.id, type=envelope.type, forum=envelope.forum,
                   created_at=envelope.created_at, attempt=envelope.attempt, action=action)


class _Envelope(BaseModel):
    id: str
    type: str
    forum: str
    created_at: datetime
    attempt: int = 1
    data: dict[str, Any] = Field(default_factory=dict)


def parse_event(data: Any) -> Event:
    """An event from JSON-like data (a dict), checked as ForumKit checks it."""
    event: Event = EVENT.validate_python(data)
    return event


def _where(exc: ValidationError) -> str:
    # Where and what only: the values may be words meant for a member.
    return "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
