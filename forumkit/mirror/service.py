"""Applying core events to the mirror.

Events may arrive out of order: a reply before its thread's first post, an edit before
the create, a reaction before the post. Rows are created on first mention and filled in
as events arrive; content fields take the newest event's values, and a deletion sticks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from forumkit.clock import as_utc
from forumkit.errors import NotFound
from forumkit.events import (
    MemberCreated,
    MemberUpdated,
    PostCreated,
    PostDeleted,
    PostEdited,
    PostFields,
    PostHidden,
    PostRestored,
    PostUnhidden,
    ThreadUpdated,
)
from forumkit.forums.models import Forum
from forumkit.identity import member_key
from forumkit.mirror import repository as repo
from forumkit.mirror.batch import BatchRows
from forumkit.mirror.models import Member, Post, Thread
from forumkit.registry import Registry

PENDING_POST_FIELDS = {"content_warnings", "response_mode"}


@dataclass
class MirrorChange:
    post: Post | None = None
    thread: Thread | None = None
    member: Member | None = None
    created: bool = False  # the post's creation was seen for the first time


def member_of(session: Session, forum: Forum, platform_id: str, now: datetime) -> Member:
    assert forum.id is not None
    return repo.ensure_member(session, forum.id, member_key(forum.member_secret, platform_id), now)


def apply_member_created(
    session: Session, rows: BatchRows, event: MemberCreated
) -> MirrorChange:
    member = rows.member(event.member.id)
    member.is_staff = event.member.is_staff
    member.joined_at = event.member.joined_at or event.occurred_at
    if as_utc(event.occurred_at) < member.first_seen:
        member.first_seen = event.occurred_at
    session.add(member)
    return MirrorChange(member=member)


def apply_member_updated(
    session: Session, rows: BatchRows, event: MemberUpdated
) -> MirrorChange:
    """Only the fields sent change; a zone or a language is not kept (events.MemberFields)."""
    member = rows.member(event.member.id)
    if event.member.is_staff is not None:
        member.is_staff = event.member.is_staff
    if event.member.joined_at is not None:
        member.joined_at = event.member.joined_at
    session.add(member)
    return MirrorChange(member=member)


def apply_post(session: Session, rows: BatchRows, event: PostCreated | PostEdited) -> MirrorChange:
    fields = event.post
    at = as_utc(event.occurred_at)
    post = rows.post(fields.id)
    change = MirrorChange(post=post)

    if fields.author_id is not None and post.author_id is None:
        member = rows.member(fields.author_id)
        post.author_id = member.id
        member.post_count += 1
        if fields.author_is_staff:
            member.is_staff = True
        session.add(member)
        change.member = member
    elif post.author_id is not None:
        change.member = session.get(Member, post.author_id)

    thread: Thread | None = None
    if fields.thread_id is not None:
        thread = rows.thread(fields.thread_id)
        post.thread_id = thread.id
    elif post.thread_id is not None:  # an edit may leave the thread out
        thread = session.get(Thread, post.thread_id)
    if thread is not None:
        _apply_thread(thread, fields, post, at)
        session.add(thread)
        change.thread = thread

    newest = post.content_as_of is None or at >= post.content_as_of
    if newest:
        _apply_content(post, fields)
        post.content_as_of = at
    if isinstance(event, PostCreated):
        change.created = post.created_at is None
        if post.created_at is None:
            post.created_at = at
    elif post.edited_at is None or at > post.edited_at:
        post.edited_at = at
    session.add(post)
    return change


def _apply_content(post: Post, fields: PostFields) -> None:
    if fields.reply_to_id is not None:
        post.reply_to_ext_id = fields.reply_to_id
    if fields.is_first_in_thread is not None:
        post.is_first_in_thread = fields.is_first_in_thread
    if fields.author_is_staff is not None:
        post.author_is_staff = fields.author_is_staff
    if fields.url is not None:
        post.url = fields.url


def _apply_thread(thread: Thread, fields: PostFields, post: Post, at: datetime) -> None:
    # The thread takes its category, tags and title from its first post, or from any post
    # until the first post has been seen.
    # Locking and announcing are facts about the thread now, whichever post carries them.
    if fields.thread_closed is not None:
        thread.closed = fields.thread_closed
    if fields.is_announcement is not None:
        thread.announcement = fields.is_announcement
    first = bool(fields.is_first_in_thread) or post.is_first_in_thread
    if not first and thread.created_at is not None:
        return
    if fields.category_id is not None:
        thread.category_id = fields.category_id
    if fields.tags is not None:
        thread.tags = list(fields.tags)
    if fields.title is not None:
        thread.title = fields.title
    if first:
        if fields.url is not None:
            thread.url = fields.url
        thread.author_id = post.author_id
        thread.created_at = thread.created_at or at


def thread_update_as_post_edit(
    session: Session, rows: BatchRows, event: ThreadUpdated
) -> PostEdited | None:
    """The thread's facts as an edit of its first post, when the mirror knows that post."""
    thread = rows.thread(event.thread.id)
    first = repo.first_post(session, thread.id) if thread.id else None
    if first is None:
        return None
    rows.posts.setdefault(first.ext_id, first)
    fields = event.thread.model_dump(exclude={"id"}, exclude_none=True)
    return PostEdited(
        id=event.id, type="post.edited", occurred_at=event.occurred_at,
        post=PostFields(id=first.ext_id, thread_id=event.thread.id, is_first_in_thread=True,
                        **fields),
    )


def apply_thread_updated(session: Session, rows: BatchRows, event: ThreadUpdated) -> MirrorChange:
    """Thread facts that arrive before the thread's first post: kept on the thread alone."""
    fields = event.thread
    thread = rows.thread(fields.id)
    if fields.thread_closed is not None:
        thread.closed = fields.thread_closed
    if fields.is_announcement is not None:
        thread.announcement = fields.is_announcement
    if fields.category_id is not None:
        thread.category_id = fields.category_id
    if fields.tags is not None:
        thread.tags = list(fields.tags)
    if fields.title is not None:
        thread.title = fields.title
    if fields.url is not None:
        thread.url = fields.url
    pending = fields.model_dump(include=PENDING_POST_FIELDS, exclude_none=True)
    if pending:
        thread.pending_post_fields = {**(thread.pending_post_fields or {}), **pending}
    session.add(thread)
    return MirrorChange(thread=thread)


def with_pending_thread_fields(
    session: Session, rows: BatchRows, event: PostCreated
) -> PostCreated:
    """A first post, with what a thread.updated said of its thread before it arrived.

    Platforms that report tags on the thread send the thread's event and its first post's at
    the same moment, in either order; this way plugins see the first post as if together.
    """
    if not event.post.is_first_in_thread or event.post.thread_id is None:
        return event
    thread = rows.thread(event.post.thread_id)
    if not thread.pending_post_fields:
        return event
    missing = {k: v for k, v in thread.pending_post_fields.items()
               if getattr(event.post, k) is None}
    thread.pending_post_fields = None
    session.add(thread)
    if not missing:
        return event
    return event.model_copy(update={"post": event.post.model_copy(update=missing)})


def apply_post_deleted(
    session: Session, rows: BatchRows, event: PostDeleted | PostRestored
) -> MirrorChange:
    post = rows.post(event.post.id)
    if isinstance(event, PostDeleted):
        if post.deleted_at is None:
            post.deleted_at = event.occurred_at
    elif post.deleted_at is not None and event.occurred_at >= post.deleted_at:
        post.deleted_at = None  # a restore older than the deletion changes nothing
    session.add(post)
    thread = session.get(Thread, post.thread_id) if post.thread_id else None
    member = session.get(Member, post.author_id) if post.author_id else None
    return MirrorChange(post=post, thread=thread, member=member)


def apply_post_hidden(
    session: Session, rows: BatchRows, event: PostHidden | PostUnhidden
) -> MirrorChange:
    """A moderator hid a post or showed it again. The newest hiding is kept; a showing older
    than it (delivered late) changes nothing."""
    post = rows.post(event.post.id)
    at = as_utc(event.occurred_at)
    if isinstance(event, PostHidden):
        if post.hidden_at is None or at > as_utc(post.hidden_at):
            post.hidden_at = at
    elif post.hidden_at is not None and at >= as_utc(post.hidden_at):
        post.hidden_at = None
    session.add(post)
    thread = session.get(Thread, post.thread_id) if post.thread_id else None
    member = session.get(Member, post.author_id) if post.author_id else None
    return MirrorChange(post=post, thread=thread, member=member)


def erase_member(
    session: Session, forum: Forum, platform_id: str, registry: Registry
) -> int | None:
    """Remove a member, their posts and what plugins hold of them; None if unknown."""
    assert forum.id is not None
    member = repo.get_member(session, forum.id, member_key(forum.member_secret, platform_id))
    if member is None or member.id is None:
        return None
    for plugin in registry.plugins.values():
        plugin.erase_member(session, forum, member.id)
    posts = session.exec(select(Post).where(Post.author_id == member.id)).all()
    for post in posts:
        session.delete(post)
    session.flush()
    session.delete(member)
    return len(posts)


def live_post(session: Session, forum: Forum, ext_id: str) -> Post:
    """A post the platform reported created and has not deleted; 404 for any other."""
    assert forum.id is not None
    post = repo.get_post(session, forum.id, ext_id)
    if post is None or post.created_at is None:
        raise NotFound(f"no post {ext_id!r} in this forum")
    if post.deleted_at is not None:
        raise NotFound(f"post {ext_id!r} was deleted")
    return post
