"""Everything this forum does with ForumKit, through the client library (forumkit.client).

The five places a forum meets ForumKit:

1. Queue an event with each change, in the change's own transaction (`queue_*`).
2. Send the queue: no code here; `python -m forumkit.client send --loop` runs beside the app.
3. Ask before accepting a reply or a thanks (`may_reply`, `may_thank`).
4. Ask how to show each post while drawing a thread (`hints_for`).
5. Receive ForumKit's actions, signed, and apply each once (`receive_actions`).

And once, when the forum connects: send its history as an import (`import_history`), which
updates ForumKit's mirror and sends nothing to anyone.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import httpx
from flask import Blueprint, current_app, request
from sqlalchemy import String, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from forum.models import Base, Member, Message, Post, Thanks, Thread, now
from forumkit.client import (
    ActionError,
    Client,
    HidePost,
    MemberCreated,
    MemberFields,
    MessageMember,
    NewPostFields,
    NotifyModerators,
    PostCreated,
    PostHidden,
    PostModeration,
    PostWhisper,
    ReactionAdded,
    ReactionFields,
    SendError,
    SetPostTags,
    SetThreadReplies,
    SignatureError,
    ThreadFields,
    ThreadUpdated,
    enqueue,
    queue_table,
    verify_action,
)

log = logging.getLogger("forum.forumkit")
blueprint = Blueprint("forumkit", __name__)


class AppliedAction(Base):
    """ForumKit's deliveries already applied: a retry carries the same id."""

    __tablename__ = "forumkit_applied_action"
    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(default=now)


def client(http: httpx.Client | None = None) -> Client:
    """A client with the webhook secret (every batch, imports too) and the platform key (the
    read path)."""
    config = current_app.config
    return Client(config["FORUMKIT_URL"], config["FORUMKIT_FORUM"], http=http,
                  secret=config["FORUMKIT_SECRET"], api_key=config["FORUMKIT_API_KEY"])


def read_path() -> Client:
    """The app's client for the read path: a page waits at most 3 s for ForumKit."""
    if "forumkit" not in current_app.extensions:
        http = httpx.Client(timeout=httpx.Timeout(3.0, connect=1.0))
        current_app.extensions["forumkit"] = client(http)
    return current_app.extensions["forumkit"]


def utc(when: datetime) -> datetime:
    return when if when.tzinfo else when.replace(tzinfo=UTC)  # SQLite forgets the zone


# 1. Events, queued in the transaction that makes the change.

def post_event(post: Post, *, response_mode: str | None = None) -> PostCreated:
    thread = post.thread
    mode = {"response_mode": response_mode} if response_mode else {}
    fields = NewPostFields(
        id=str(post.id), thread_id=str(thread.id), author_id=str(post.author_id),
        is_first_in_thread=post.is_first, category_id=thread.subforum_id,
        title=thread.title if post.is_first else None, body=post.body,
        url=f"{current_app.config['FORUM_URL']}/t/{thread.id}#post-{post.id}",
        author_is_staff=post.author.is_moderator,
        content_warnings=[post.content_warning] if post.content_warning else [], **mode)
    return PostCreated(id=f"post-created-{post.id}", type="post.created",
                       occurred_at=utc(post.created_at), post=fields)


def member_event(member: Member) -> MemberCreated:
    return MemberCreated(id=f"member-created-{member.id}", type="member.created",
                         occurred_at=utc(member.joined_at),
                         member=MemberFields(id=str(member.id), is_staff=member.is_moderator,
                                             joined_at=utc(member.joined_at)))


def thanks_event(thanks: Thanks) -> ReactionAdded:
    return ReactionAdded(id=f"thanks-{thanks.id}", type="reaction.added",
                         occurred_at=utc(thanks.created_at),
                         reaction=ReactionFields(post_id=str(thanks.post_id),
                                                 member_id=str(thanks.member_id),
                                                 kind="thank_you"))


def queue_post(db: Session, post: Post, *, response_mode: str | None = None) -> None:
    enqueue(db, post_event(post, response_mode=response_mode))


def queue_member(db: Session, member: Member) -> None:
    enqueue(db, member_event(member))


def queue_thanks(db: Session, thanks: Thanks, thread_id: int) -> None:
    enqueue(db, thanks_event(thanks), thread_id=str(thread_id))


def queue_hidden(db: Session, post: Post, reason: str) -> None:
    enqueue(db, PostHidden(id=f"post-hidden-{post.id}-{_ms()}", type="post.hidden",
                           occurred_at=now(), post=PostModeration(id=str(post.id),
                                                                  reason=reason)),
            thread_id=str(post.thread_id))


def queue_moved(db: Session, thread: Thread) -> None:
    # ForumKit gives a moved thread its new subforum's mode (a diary subforum: no replies).
    enqueue(db, ThreadUpdated(id=f"thread-moved-{thread.id}-{_ms()}", type="thread.updated",
                              occurred_at=now(), thread=ThreadFields(
                                  id=str(thread.id), category_id=thread.subforum_id)))


def _ms() -> int:
    return int(now().timestamp() * 1000)


# 3. Before accepting a reply or a thanks.

def may_reply(member: Member, thread: Thread) -> tuple[bool, str | None]:
    """Whether `member` may reply now, and if not the words to show them."""
    try:
        answer = read_path().permissions(member_id=str(member.id), thread_id=str(thread.id),
                                      is_staff=member.is_moderator)
    except SendError as exc:
        # ForumKit cannot be asked: go by what it last told the forum. A reply it would not
        # have allowed is hidden when it hears of it, with a kind note to its writer.
        log.warning("permissions not checked: %s", exc)
        if thread.replies_open or member.id == thread.author_id or member.is_moderator:
            return True, None
        return False, thread.replies_note
    return bool(answer["can_reply"]), answer.get("reason")


def may_thank(member: Member, thread: Thread) -> bool:
    try:
        answer = read_path().permissions(member_id=str(member.id), thread_id=str(thread.id),
                                      is_staff=member.is_moderator)
    except SendError:
        return True
    return bool(answer["can_react"])


# 4. While drawing a thread.

def hints_for(reader: Member | None, posts: list[Post]) -> dict[int, dict[str, Any]]:
    """Per post: display (show, blur, hide), labels and notice for this reader. Empty when
    ForumKit cannot be asked: the page then covers posts that carry their author's label."""
    if not posts:
        return {}
    try:
        answer = read_path().render_hints(reader_id=str(reader.id) if reader else None,
                                       post_ids=[str(p.id) for p in posts[:200]])
    except SendError as exc:
        log.warning("render hints not available: %s", exc)
        return {}
    return {int(pid): hint for pid, hint in answer["posts"].items()}


# 5. ForumKit's actions, POSTed to the forum's callback_url.

@blueprint.post("/forumkit/actions")
def receive_actions() -> tuple[str, int]:
    try:
        delivery = verify_action(secret=current_app.config["FORUMKIT_SECRET"],
                                 headers=request.headers, body=request.get_data())
    except SignatureError:
        return "", 401
    except ActionError:
        return "", 422  # signed, but not an action this version knows: never retried
    with Session(current_app.extensions["forum_db"]) as db:
        if db.get(AppliedAction, delivery.id) is not None:
            return "", 204  # a retry of a delivery already applied
        db.add(AppliedAction(id=delivery.id))
        apply_action(db, delivery.action)
        try:
            db.commit()
        except IntegrityError:
            return "", 204  # the same delivery, applied by a request beside this one
    return "", 204


def apply_action(db: Session, action: Any) -> None:
    match action:
        case NotifyModerators():
            db.add(Message(to_member_id=None, title=action.title or "", text=action.text,
                           thread_id=_id(db, Thread, action.thread_id),
                           post_id=_id(db, Post, action.post_id), kind="notify_moderators"))
        case MessageMember():
            post = db.get(Post, _id(db, Post, action.about_post_id) or 0)
            if post is not None:  # ForumKit names the member by a post of theirs
                db.add(Message(to_member_id=post.author_id, title=action.title or "",
                               text=action.text, post_id=post.id, kind="message_member"))
        case HidePost():
            post = db.get(Post, _id(db, Post, action.post_id) or 0)
            if post is not None:
                post.hidden, post.hidden_note = True, action.reason
                if action.message:  # the kind note travels with the hide
                    db.add(Message(to_member_id=post.author_id, text=action.message,
                                   thread_id=post.thread_id, post_id=post.id, kind="hide_post"))
        case SetThreadReplies():
            thread = db.get(Thread, _id(db, Thread, action.thread_id) or 0)
            if thread is not None and (action.sequence is None
                                       or action.sequence > thread.replies_sequence):
                thread.replies_open, thread.replies_note = action.open, action.reason
                thread.replies_sequence = action.sequence or thread.replies_sequence
        case SetPostTags():
            post = db.get(Post, _id(db, Post, action.post_id) or 0)
            if post is not None:
                tags = (set(post.tags.split()) | set(action.add)) - set(action.remove)
                post.tags = " ".join(sorted(tags))
        case PostWhisper():
            db.add(Message(to_member_id=None, text=action.text, kind="post_whisper",
                           thread_id=_id(db, Thread, action.thread_id)))


def _id(db: Session, table: type[Post] | type[Thread], value: str | None) -> int | None:
    """The forum's id of a post or thread ForumKit names, if it is one of ours."""
    if value is None or not value.isdigit():
        return None
    return int(value) if db.get(table, int(value)) is not None else None


# For the moderators' page: what waits in the queue, and what ForumKit refused.

def queue_status(db: Session) -> dict[str, Any]:
    q = queue_table.c
    pending = db.execute(select(func.count()).where(q.status == "pending")).scalar_one()
    refused = db.execute(select(q.id, q.event_id, q.error, q.created_at)
                         .where(q.status == "rejected").order_by(q.id)).all()
    return {"pending": pending, "refused": refused}


# Once, when the forum connects: its history, as an import.

def import_history(db: Session, until: datetime, *, batch_size: int = 500) -> dict[str, int]:
    """Send members, posts and thanks made before `until` (when the forum started queueing
    events) as import batches: ForumKit's mirror has them, and nobody is messaged or alerted.
    Run again after a failure: events ForumKit has count as duplicates."""
    events: list[Any] = [member_event(m) for m in db.scalars(
        select(Member).where(Member.joined_at < until).order_by(Member.id))]
    events += [post_event(p) for p in db.scalars(
        select(Post).where(Post.created_at < until).order_by(Post.id))]
    events += [thanks_event(t) for t in db.scalars(
        select(Thanks).where(Thanks.created_at < until).order_by(Thanks.id))]
    totals = {"events": len(events), "applied": 0, "duplicates": 0, "rejected": 0}
    with client() as importer:
        for start in range(0, len(events), batch_size):
            result = importer.send_events(events[start:start + batch_size], importing=True)
            totals["applied"] += result.applied
            totals["duplicates"] += result.duplicates
            totals["rejected"] += len(result.rejected)
    if totals["rejected"]:  # counts only: event ids name members
        log.error("import: ForumKit refused %d events", totals["rejected"])
    return totals
