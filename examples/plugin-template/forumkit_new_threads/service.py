"""What the feature does, called by its handler, route and job: each takes the context."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, func, select, update

from forumkit.actions import NOTIFY_MODERATORS, Action
from forumkit.clock import as_utc
from forumkit.context import PluginContext
from forumkit.db import insert_missing
from forumkit.events import PostCreated
from forumkit.forums.models import Forum
from forumkit.plugin import Batch, JobContext
from forumkit_new_threads.models import NewThread
from forumkit_new_threads.settings import NewThreadsSettings


def record_new_threads(ctx: PluginContext[NewThreadsSettings], batch: Batch) -> None:
    """The batch's new first posts start threads: recorded in one statement."""
    started = [i for i in batch.items if isinstance(i.event, PostCreated) and i.created
               and i.post is not None and i.post.is_first_in_thread and i.thread is not None]
    insert_missing(ctx.session, NewThread, [
        {"forum_id": ctx.forum_id, "thread_id": i.thread.id, "author_id": i.post.author_id,
         "started_at": as_utc(i.event.occurred_at)}
        for i in started if i.thread is not None and i.post is not None
    ])
    if ctx.settings.notify_moderators:
        ctx.emit(Action(kind=NOTIFY_MODERATORS, payload={
            "title": "A new thread", "text": "A new thread was started.",
            "post_id": i.post.ext_id, "thread_id": i.thread.ext_id,
        }, dedupe_key=f"new_threads:{i.thread.id}") for i in started
            if i.thread is not None and i.post is not None)


def count_since(ctx: PluginContext[NewThreadsSettings], days: int) -> int:
    since = ctx.now - timedelta(days=days)
    query = select(func.count()).select_from(NewThread).where(
        NewThread.forum_id == ctx.forum_id, col(NewThread.started_at) >= since)
    return int(ctx.session.exec(query).one())


def threads_seen(session: Session, forum: Forum, ids: list[int]) -> dict[int, bool]:
    """The `thread.seen_starting` facet: answers only for the ids it knows."""
    query = select(NewThread.thread_id).where(NewThread.forum_id == forum.id,
                                              col(NewThread.thread_id).in_(ids))
    return {thread_id: True for thread_id in session.exec(query)}


def forget_old(job: JobContext) -> None:
    """The scheduled job: each forum where the plugin is on, with its own keep_days."""
    with job.forums() as forums:
        for ctx in forums.values():
            cutoff: datetime = ctx.now - timedelta(days=ctx.settings.keep_days)
            ctx.session.exec(delete(NewThread).where(  # type: ignore[call-overload]
                col(NewThread.forum_id) == ctx.forum_id, col(NewThread.started_at) < cutoff))


def erase_member(session: Session, member_id: int) -> None:
    session.exec(update(NewThread).where(  # type: ignore[call-overload]
        col(NewThread.author_id) == member_id).values(author_id=None))

