"""Events in, actions out: a new thread takes its mode, a reply is checked against it, an
author's edit may change it, and high-risk posts in unanswered-by-choice threads are checked."""

from __future__ import annotations

from datetime import timedelta

from forumkit.actions import Action
from forumkit.clock import as_utc
from forumkit.events import Event, PostCreated, PostEdited
from forumkit.messages import texts_for
from forumkit.mirror.models import Post
from forumkit.plugin import EventContext
from forumkit.plugins.response_modes import enforcement, repository, service
from forumkit.plugins.response_modes.facets import POST_LABELS
from forumkit.plugins.response_modes.settings import ResponseModesSettings


def handle(event: Event, ctx: EventContext) -> list[Action]:
    if isinstance(event, PostCreated) and ctx.created:
        return _post_created(event, ctx)
    if isinstance(event, PostEdited):
        return _post_edited(event, ctx)
    return []


def _post_created(event: PostCreated, ctx: EventContext) -> list[Action]:
    settings: ResponseModesSettings = ctx.settings
    post, thread = ctx.post, ctx.thread
    if post is None or thread is None:
        return []
    at = as_utc(event.occurred_at)
    actions: list[Action] = []
    if post.is_first_in_thread:
        actions += service.initial_mode(
            ctx.session, ctx.forum, thread, event.post.response_mode, at, settings,
            ctx.capabilities,
        )
    else:
        service.apply_post_mode(ctx.session, ctx.forum, post, event.post.response_mode, at,
                                settings)
    state = service.current_state(ctx.session, thread, settings)
    if enforcement.against_mode(state, thread.author_id, post, ctx.member, at, settings):
        return actions + enforcement.reply_actions(
            state, thread, post, ctx.member, at, settings, ctx.capabilities,
            texts_for(ctx.session, ctx.forum),
        )
    answered = _answered_post(ctx)
    if answered is not None:
        own = service.post_state_of(ctx.session, answered)
        if own is not None and enforcement.against_mode(
            own, answered.author_id, post, ctx.member, at, settings
        ):
            return actions + enforcement.reply_actions(
                own, thread, post, ctx.member, at, settings, ctx.capabilities,
                texts_for(ctx.session, ctx.forum), whose="post",
            )
    if post.author_id is None or post.author_id != thread.author_id:
        return actions  # the check is for the author's own words, which go unanswered
    return actions + _safety(event.post.content_warnings, state.effective(at), ctx)


def _post_edited(event: PostEdited, ctx: EventContext) -> list[Action]:
    settings: ResponseModesSettings = ctx.settings
    post, thread = ctx.post, ctx.thread
    if post is None or thread is None:
        return []
    actions: list[Action] = []
    requested = service.normal_mode(event.post.response_mode)
    if not post.is_first_in_thread:
        service.apply_post_mode(ctx.session, ctx.forum, post, event.post.response_mode,
                                as_utc(event.occurred_at), settings)
    elif requested is None and event.post.category_id is not None:
        # Moved to another subforum: a mode that came from where it was follows it.
        actions = service.follow_category(ctx.session, ctx.forum, thread,
                                          as_utc(event.occurred_at), settings, ctx.capabilities)
    elif requested is not None:
        # The author changed the mode by editing their first post.
        current = service.current_state(ctx.session, thread, settings)
        at = as_utc(event.occurred_at)
        if requested != current.mode:
            hours = settings.held_default_hours
            opens_at = at + timedelta(hours=hours) if requested == "held" and hours else None
            _, actions = service.set_mode(
                ctx.session, ctx.forum, thread, mode=requested, opens_at=opens_at,
                allow_reactions=None, by="author", actor=post.author_id, now=at,
                settings=settings, capabilities=ctx.capabilities,
            )
    state = service.current_state(ctx.session, thread, settings)
    if post.author_id is None or post.author_id != thread.author_id:
        return actions  # the check is for the author's own words, which go unanswered
    at = as_utc(event.occurred_at)
    return actions + _safety(event.post.content_warnings, state.effective(at), ctx)


def _answered_post(ctx: EventContext) -> Post | None:
    """The post a reply answers, if the platform said and it is in the same thread."""
    post = ctx.post
    if post is None or post.reply_to_ext_id is None or ctx.forum.id is None:
        return None
    answered = repository.post_by_ext_id(ctx.session, ctx.forum.id, post.reply_to_ext_id)
    if answered is None or answered.id == post.id or answered.thread_id != post.thread_id:
        return None
    return answered


def _safety(warnings: list[str] | None, mode: str, ctx: EventContext) -> list[Action]:
    assert ctx.post is not None and ctx.thread is not None and ctx.post.id is not None
    labels = {w.lower() for w in warnings or []}
    labels |= {str(k).lower() for k in ctx.facets.one(POST_LABELS, ctx.session, ctx.forum,
                                                      ctx.post.id)}
    return enforcement.safety_check(mode, ctx.thread, ctx.post, labels, ctx.settings,
                                    texts_for(ctx.session, ctx.forum))

