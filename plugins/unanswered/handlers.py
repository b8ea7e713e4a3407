"""Events in, actions out: new first posts are watched, replies and deletions end watches,
and every post (new or edited, whatever its thread) is assessed for risk."""

from __future__ import annotations

from forumkit.actions import Action
from forumkit.events import (
    Event,
    PostCreated,
    PostDeleted,
    PostEdited,
    PostHidden,
    PostUnhidden,
    ReactionAdded,
)
from forumkit.plugin import EventContext
from forumkit.plugins.unanswered import risk, service
from forumkit.plugins.unanswered.facets import POST_LABELS
from forumkit.plugins.unanswered.settings import UnansweredSettings


def handle(event: Event, ctx: EventContext) -> list[Action]:
    if ctx.importing:
        return []  # history: nobody is waiting on it now
    return _watch(event, ctx) + _risk(event, ctx)


def _watch(event: Event, ctx: EventContext) -> list[Action]:
    settings: UnansweredSettings = ctx.settings
    if isinstance(event, PostCreated) and ctx.created and ctx.post is not None:
        post = ctx.post
        if post.hidden_at is not None:
            return []  # hidden as it came (later in its batch): it asks and answers nothing
        if post.is_first_in_thread and ctx.thread is not None:
            service.start_watch(ctx.session, ctx.forum, settings, post, ctx.thread,
                                ctx.member, ctx.facets, ctx.body, ctx.now)
            return []
        return service.record_reply(ctx.session, ctx.forum, settings, post, ctx.member,
                                    event.occurred_at, ctx.facets, ctx.now, ctx.body)
    if isinstance(event, ReactionAdded) and ctx.post is not None:
        return service.record_reaction(ctx.session, ctx.forum, settings, ctx.post, ctx.member,
                                       event.occurred_at, ctx.facets, ctx.now)
    if isinstance(event, PostDeleted) and ctx.post is not None:
        return service.record_deleted(ctx.session, ctx.forum, settings, ctx.post, ctx.facets,
                                      ctx.now)
    if isinstance(event, PostHidden) and ctx.post is not None:
        return service.record_hidden(ctx.session, ctx.forum, settings, ctx.post, ctx.facets,
                                     ctx.now)
    if isinstance(event, PostUnhidden) and ctx.post is not None:
        return service.record_unhidden(ctx.session, ctx.forum, settings, ctx.post, ctx.member,
                                       event.occurred_at, ctx.facets, ctx.now)
    return []


def _risk(event: Event, ctx: EventContext) -> list[Action]:
    if not isinstance(event, PostCreated | PostEdited) or ctx.post is None:
        return []
    if ctx.thread is None or ctx.post.deleted_at is not None or not ctx.body:
        return []
    title = event.post.title if ctx.post.is_first_in_thread else None
    text = "\n".join(part for part in (title, ctx.body) if part)
    assert ctx.post.id is not None
    labels = {str(k).lower() for k in event.post.content_warnings or []}
    labels |= {str(k).lower() for k in ctx.facets.one(POST_LABELS, ctx.session, ctx.forum,
                                                       ctx.post.id)}
    return risk.check_post(ctx.session, ctx.forum, ctx.settings, ctx.post, ctx.thread,
                           ctx.member, text, ctx.facets, ctx.outbound, ctx.now, labels)
