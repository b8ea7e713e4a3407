"""Events in: each new reply is checked for helper care."""

from __future__ import annotations

from forumkit.actions import Action
from forumkit.events import Event, PostCreated
from forumkit.plugin import EventContext
from forumkit.plugins.helper_impact import care


def handle(event: Event, ctx: EventContext) -> list[Action]:
    if not isinstance(event, PostCreated) or not ctx.created or ctx.importing:
        return []
    post, member = ctx.post, ctx.member
    if post is None or member is None or post.is_first_in_thread:
        return []
    return care.check_reply(ctx, post, member)
