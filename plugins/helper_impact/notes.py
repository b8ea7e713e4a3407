"""Impact notes: the person helped tells a helper what their reply changed.

The text is the feature, so it is stored; it is never logged. It passes through the
content-warning suggester (the `text.labels` facet) so forums can label it when shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from forumkit.actions import Action
from forumkit.errors import Conflict, Forbidden, NotFound, Unprocessable
from forumkit.forums.models import Forum
from forumkit.messages import Texts, render, texts_for
from forumkit.mirror import repository as mirror_repo
from forumkit.mirror import service as mirror
from forumkit.mirror.models import Member, Post, Thread
from forumkit.plugins.helper_impact import activity, service
from forumkit.plugins.helper_impact import repository as repo
from forumkit.plugins.helper_impact.facets import TEXT_LABELS
from forumkit.plugins.helper_impact.models import NOTE_MAX, HelperImpactNote


@dataclass
class Left:
    note: HelperImpactNote
    post: Post
    suggested: list[dict[str, Any]]


def reply_for_note(session: Session, forum: Forum, post_ext_id: str) -> Post:
    post = mirror.live_post(session, forum, post_ext_id)
    if post.is_first_in_thread:
        raise Unprocessable("impact notes go on replies, not on the first post of a thread")
    if post.author_id is None:
        raise NotFound(f"the author of post {post_ext_id!r} is not known yet")
    return post


def _written_for(session: Session, forum: Forum, post: Post) -> set[int]:
    """Who a reply was written for: the thread's author, and the member it answers."""
    assert forum.id is not None
    found: set[int] = set()
    thread = session.get(Thread, post.thread_id) if post.thread_id is not None else None
    if thread is not None and thread.author_id is not None:
        found.add(thread.author_id)
    if post.reply_to_ext_id:
        answered = mirror_repo.get_post(session, forum.id, post.reply_to_ext_id)
        if answered is not None and answered.author_id is not None:
            found.add(answered.author_id)
    return found


def leave(
    ctx: service.Context, *, post_ext_id: str, platform_member: str, text: str,
    anonymous: bool, public: bool,
) -> Left:
    """Leave a note on a reply; the helper's message (if any) is emitted on `ctx`."""
    session, forum, settings, now = ctx.session, ctx.forum, ctx.settings, ctx.now
    text = text.strip()
    if not text or len(text) > NOTE_MAX:
        raise Unprocessable([{"loc": ["body", "text"], "type": "value_error",
                              "msg": f"write 1 to {NOTE_MAX} characters"}])
    post = reply_for_note(session, forum, post_ext_id)
    writer = mirror.member_of(session, forum, platform_member, now)
    if writer.id == post.author_id:
        raise Forbidden(render(ctx, "helper_impact.note_own_reply"))
    if settings.notes_from == "thread_author" and writer.id not in _written_for(
            session, forum, post):
        raise Forbidden(render(ctx, "helper_impact.note_not_yours"))
    assert forum.id is not None and post.id is not None and writer.id is not None
    assert post.author_id is not None
    if repo.note_by(session, post.id, writer.id) is not None:
        raise Conflict(render(ctx, "helper_impact.note_already"))
    suggested = list(ctx.facets.ask(TEXT_LABELS)(session, forum, text) or [])
    note = HelperImpactNote(
        forum_id=forum.id, post_id=post.id, helper_id=post.author_id, author_id=writer.id,
        text=text, anonymous=anonymous, public=public,
        labels=sorted({str(s["key"]) for s in suggested if "key" in s}), created_at=now,
    )
    session.add(note)
    session.flush()
    ctx.emit(_tell_helper(session, settings.tell_helper_of_notes, note, post,
                          texts_for(session, forum)))
    return Left(note=note, post=post, suggested=suggested)


def _tell_helper(
    session: Session, wanted: bool, note: HelperImpactNote, post: Post, texts: Texts,
) -> list[Action]:
    helper = session.get(Member, note.helper_id)
    if not wanted or helper is None or not service.wants(
            repo.preference(session, note.helper_id), "note_messages"):
        return []
    text = texts.render("helper_impact.note_anonymous" if note.anonymous
                        else "helper_impact.note_named", note=note.text)
    action = service.message(
        session, helper, text, about_post_id=post.ext_id, topic="helper_impact.note",
        dedupe_key=f"helper_impact:note:{note.id}", note_id=note.id, post_id=post.ext_id,
        anonymous=note.anonymous, from_post_id=from_post(session, note),
    )
    return [action] if action else []


def withdraw(ctx: service.Context, *, post_ext_id: str, platform_member: str) -> bool:
    session, forum = ctx.session, ctx.forum
    post = mirror_repo.get_post(session, ctx.forum_id, post_ext_id)
    writer = mirror_repo.member_for(session, ctx.forum_id, forum.member_secret, platform_member)
    if post is None or post.id is None or writer is None or writer.id is None:
        return False
    note = repo.note_by(session, post.id, writer.id)
    if note is None:
        return False
    session.delete(note)
    return True


def from_post(session: Session, note: HelperImpactNote) -> str | None:
    """A post of the note's writer in the same thread, so the forum can show who wrote a
    note that is not anonymous (ForumKit holds no names); None when anonymous."""
    if note.anonymous:
        return None
    post = session.get(Post, note.post_id)
    found = activity.latest_post_of(
        session, note.author_id, thread_id=post.thread_id if post else None)
    return found.ext_id if found else None


def note_out(session: Session, note: HelperImpactNote, post: Post | None = None) -> dict[str, Any]:
    post = post or session.get(Post, note.post_id)
    thread = session.get(Thread, post.thread_id) if post and post.thread_id else None
    return {
        "id": note.id, "post_id": post.ext_id if post else None,
        "thread_id": thread.ext_id if thread else None, "text": note.text,
        "anonymous": note.anonymous, "public": note.public, "labels": note.labels,
        "from_post_id": from_post(session, note), "created_at": note.created_at,
    }
