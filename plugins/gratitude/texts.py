"""The texts gratitude sends, declared in the core's message catalogue (forumkit/messages)."""

from __future__ import annotations

from forumkit.messages import Message, declare

MESSAGES = (
    Message("gratitude.own_post", "This is your own post: reactions are for thanking other "
            "people.", "member", "the answer to a member thanking their own post"),
    Message("gratitude.reactions_off", "Reactions are turned off in this thread.", "member",
            "the answer to a member thanking a post where reactions are off"),
)

declare("gratitude", *MESSAGES)
