"""Events in: each new reply is checked for helper care."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from forumkit.actions import Action
from forumkit.context import PluginContext
from forumkit.events import Event, PostCreated
from forumkit.facets import PrefetchedFacets
from forumkit.plugin import Applied, Batch, EventContext
from forumkit.plugins.helper_impact import activity, care
from forumkit.plugins.helper_impact.facets import POST_LABELS


def handle(event: Event, ctx: EventContext) -> list[Action]:
    if ctx.importing or not checked(Applied(event, ctx.post, ctx.thread, ctx.member,
                                            ctx.created)):
        return []
    assert ctx.post is not None and ctx.member is not None
    return care.check_reply(ctx, ctx.post, ctx.member)


def checked(item: Applied) -> bool:
    """Whether this event is checked: a reply seen created for the first time."""
    return (isinstance(item.event, PostCreated) and item.created and item.post is not None
            and item.member is not None and not item.post.is_first_in_thread)


@contextmanager
def reading_batch(batch: Batch, ctx: PluginContext[Any]) -> Iterator[bool]:
    """The first posts of the threads the batch's replies are in, and their labels, read
    once for the batch; the block is told whether any event of the batch is checked."""
    replies = [i.post for i in batch.items if not batch.importing and checked(i)]
    threads = {p.thread_id for p in replies if p is not None and p.thread_id is not None}
    if not threads:
        yield bool(replies)
        return
    with activity.remembering_first_posts(ctx.session, threads) as firsts:
        if firsts and isinstance(ctx.facets, PrefetchedFacets):
            ctx.facets.prefetch(POST_LABELS, ctx.session, ctx.forum, firsts.values())
        yield True
