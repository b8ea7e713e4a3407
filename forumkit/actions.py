"""Actions: what plugins ask to happen on a forum or a channel. They go to the outbox.

Plugins never call the network; they return actions and the outbox worker delivers them
through the forum's adapter (channel "adapter") or an alert channel.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

# The vocabulary adapters understand. Payload fields are named beside each kind.
NOTIFY_MODERATORS = "notify_moderators"  # text, post_id?, thread_id?, url?, labels?
# ForumKit holds no platform user ids, so a member is named by a post of theirs that the
# platform knows: about_post_id (its author gets the message) plus member (the pseudonym).
MESSAGE_MEMBER = "message_member"  # about_post_id, member, text
SET_THREAD_REPLIES = "set_thread_replies"  # thread_id, open (bool), reason
HIDE_POST = "hide_post"  # post_id, reason
SET_POST_TAGS = "set_post_tags"  # post_id, thread_id, add [], remove []
POST_WHISPER = "post_whisper"  # thread_id, text
ALERT = "alert"  # to (the channel's target), message {title, text, url, fields, event}


class Action(BaseModel):
    kind: str = Field(description="What to do, e.g. notify_moderators")
    payload: dict[str, Any] = Field(default_factory=dict)
    channel: str = Field(default="adapter", description="adapter, or an alert channel's name")
    dedupe_key: str | None = Field(
        default=None,
        description="The outbox keeps one action per key and forum, however often it is produced",
    )
