"""Platform reactions in: those the forum counts as gratitude are recorded, others ignored.

A platform reaction has already happened on the forum, so a reaction ForumKit would refuse
(on one's own post, or where the thread takes no reactions) is simply not counted.
"""

from __future__ import annotations

from forumkit.actions import Action
from forumkit.clock import as_utc
from forumkit.events import Event, ReactionAdded, ReactionRemoved
from forumkit.plugin import EventContext
from forumkit.plugins.gratitude import repository as repo
from forumkit.plugins.gratitude import service
from forumkit.plugins.gratitude.settings import GratitudeSettings


def handle(event: Event, ctx: EventContext) -> list[Action]:
    if not isinstance(event, ReactionAdded | ReactionRemoved):
        return []
    settings: GratitudeSettings = ctx.settings
    kind = settings.gratitude_kind_for(event.reaction.kind)
    post, member = ctx.post, ctx.member
    if kind is None or post is None or member is None:
        return []
    assert post.id is not None and member.id is not None
    if isinstance(event, ReactionRemoved):
        repo.remove(ctx.session, post_id=post.id, member_id=member.id, kind=kind)
        return []
    if post.deleted_at is not None:
        return []
    if service.may_react(ctx, post, member):
        return []
    repo.add(ctx.session, forum_id=ctx.forum_id, post_id=post.id, member_id=member.id,
             kind=kind, source="platform", at=as_utc(event.occurred_at))
    return []
