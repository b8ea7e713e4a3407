"""A thread's response mode: what it is, setting it (recorded, with actions for the platform),
and the permissions answer the pre-check route and the `thread.permissions` facet share."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session

from forumkit.actions import SET_THREAD_REPLIES, Action
from forumkit.adapter import PRE_CHECK
from forumkit.adapter import SET_THREAD_REPLIES as CAN_SET_REPLIES
from forumkit.audit import service as audit
from forumkit.clock import as_utc
from forumkit.context import PluginContext
from forumkit.errors import Forbidden
from forumkit.forums.models import Forum
from forumkit.messages import Texts, texts_for
from forumkit.mirror import repository as mirror_repo
from forumkit.mirror import service as mirror
from forumkit.mirror.models import Member, Post, Thread
from forumkit.plugins.response_modes import repository as repo
from forumkit.plugins.response_modes.models import ModeChange, PostMode, ThreadMode
from forumkit.plugins.response_modes.rules import (
    Asker,
    ModeState,
    Permission,
    decide,
    platform_reason,
    within,
)
from forumkit.plugins.response_modes.settings import MODES, ResponseModesSettings

log = logging.getLogger(__name__)
PLUGIN = "response_modes"


def normal_mode(value: str | None) -> str | None:
    """A mode a platform sent (`Diary`, `reactions-only`), or None if it names no mode."""
    if value is None:
        return None
    mode = value.strip().lower().replace("-", "_").replace(" ", "_")
    return mode if mode in MODES else None


def unseen_thread(forum_id: int, ext_id: str, *, category_id: str | None,
                  tags: list[str]) -> Thread:
    """A thread ForumKit has not seen, as the platform describes it: never stored. Asked
    about, it takes its mode from these tags and this subforum as `initial_mode` will give
    it when its first post arrives without a mode of its own."""
    return Thread(forum_id=forum_id, ext_id=ext_id, category_id=category_id, tags=list(tags))


def default_for(thread: Thread | None, settings: ResponseModesSettings) -> tuple[str, str]:
    """The mode a thread takes from its tags, its subforum or the forum, and which of them:
    for a new thread at ingest, a moved one, and a thread not seen yet on the read path."""
    if thread is not None:
        for tag in thread.tags or []:
            if tag in settings.tag_modes:
                return settings.tag_modes[tag], "tag"
        if thread.category_id is not None and thread.category_id in settings.category_modes:
            return settings.category_modes[thread.category_id], "category"
    return settings.default_mode, "forum"


def state_of(row: ThreadMode | None, thread: Thread | None,
             settings: ResponseModesSettings) -> ModeState:
    if row is not None:
        return ModeState(row.mode, row.allow_reactions, _utc(row.opens_at), _utc(row.changed_at))
    mode, _ = default_for(thread, settings)
    return ModeState(mode, settings.diary_reactions)


def current_state(session: Session, thread: Thread | None,
                  settings: ResponseModesSettings) -> ModeState:
    row = repo.mode_of(session, thread.id) if thread is not None and thread.id else None
    return state_of(row, thread, settings)


def permissions(
    session: Session, settings: ResponseModesSettings, thread: Thread | None,
    member: Member | None, now: datetime, *, texts: Texts, is_staff: bool = False,
    is_author: bool = False, post: Post | None = None,
) -> Permission:
    """May `member` reply in `thread` now, and react there; with `post`, reply to that
    post or react to it (its own mode applies too). Reasons are in the forum's `texts`.

    `thread` may be unsaved (`unseen_thread`): what the platform says of a thread ForumKit
    has not seen; `is_author` is the platform's word that the member started it.
    """
    state = current_state(session, thread, settings)
    staff = is_staff or bool(member and member.is_staff)
    author = is_author or _same(member, thread.author_id if thread else None)
    answer = decide(state, Asker(is_author=author, is_staff=staff),
                    now=now, texts=texts, staff_may_reply=settings.staff_may_reply,
                    closed=bool(thread and thread.closed))
    post_state = post_state_of(session, post) if post is not None else None
    if post is None or post_state is None:
        return answer
    own = decide(post_state, Asker(is_author=_same(member, post.author_id), is_staff=staff),
                 now=now, texts=texts, staff_may_reply=settings.staff_may_reply)
    return within(answer, own)


def _same(member: Member | None, author_id: int | None) -> bool:
    return member is not None and author_id is not None and member.id == author_id


def post_state_of(session: Session, post: Post) -> ModeState | None:
    row = repo.post_mode_of(session, post.id) if post.id is not None else None
    if row is None:
        return None
    return ModeState(row.mode, row.allow_reactions, _utc(row.opens_at), _utc(row.changed_at))


def apply_post_mode(
    session: Session, forum: Forum, post: Post, requested: str | None, at: datetime,
    settings: ResponseModesSettings,
) -> None:
    """A reply's own mode, where the platform lets an author set one per post."""
    mode = normal_mode(requested)
    if post.is_first_in_thread or mode is None or post.id is None:
        return  # a first post's mode is its thread's
    assert forum.id is not None
    row = repo.post_mode_of(session, post.id)
    if row is None and mode == "open":
        return
    if row is not None and row.mode == mode:
        return
    row = row or PostMode(forum_id=forum.id, post_id=post.id, mode=mode, changed_at=at)
    row.mode, row.changed_at = mode, at
    row.allow_reactions = settings.diary_reactions
    row.opens_at = None
    if mode == "held" and settings.held_default_hours is not None:
        row.opens_at = at + timedelta(hours=settings.held_default_hours)
    session.add(row)
    repo.kept_post_mode(session, row)


def permissions_facet(
    session: Session, forum: Forum, thread: Thread | None, member: Member | None, now: datetime,
    *, settings: ResponseModesSettings,
) -> dict[str, Any]:
    """`thread.permissions`; the core gives it this plugin's settings for the forum. For a
    thread ForumKit has not seen, ask with `unseen_thread(...)` to be answered as the
    permissions route answers its hints, or with None for the forum's default."""
    return permissions(session, settings, thread, member, now,
                       texts=texts_for(session, forum, lazy=True)).as_dict()


def modes_facet(
    session: Session, forum: Forum, ids: list[int], *, settings: ResponseModesSettings
) -> dict[int, str]:
    """`thread.response_mode`: each thread's mode, by mirror thread id."""
    if not ids:
        return {}
    assert forum.id is not None
    rows = repo.modes_of(session, forum.id, ids)
    threads = {t.id: t for t in repo.threads(session, forum.id, ids)}
    found: dict[int, str] = {}
    for thread_id, thread in threads.items():
        assert thread_id is not None
        # The stored mode: a hold that has come due reads "held" until the job opens it.
        found[thread_id] = state_of(rows.get(thread_id), thread, settings).mode
    return found


def initial_mode(
    session: Session, forum: Forum, thread: Thread, requested: str | None, at: datetime,
    settings: ResponseModesSettings, capabilities: frozenset[str],
) -> list[Action]:
    """Give a new thread its mode from its first post; the actions that calls for.

    An explicit `open` counts as no choice: in a diary space, or with a diary tag, the
    space's mode holds unless the author picked another restrictive mode.
    """
    assert forum.id is not None and thread.id is not None
    mode = normal_mode(requested)
    source = "post"
    if mode in (None, "open"):
        mode, source = default_for(thread, settings)
    opens_at = None
    if mode == "held" and settings.held_default_hours is not None:
        opens_at = at + timedelta(hours=settings.held_default_hours)
    values = {
        "forum_id": forum.id, "thread_id": thread.id, "mode": mode,
        "allow_reactions": settings.diary_reactions, "opens_at": opens_at, "changed_at": at,
        "source": source,
    }
    if not repo.create_mode(session, values):
        return []
    change = _record(session, forum, thread, None, mode, settings.diary_reactions, opens_at,
                     by=source, actor=thread.author_id, at=at)
    if mode == "open":
        return []
    state = ModeState(mode, settings.diary_reactions, opens_at, at)
    return replies_actions(thread, state, change, settings, capabilities,
                           texts_for(session, forum))


# Modes a thread took from where it is rather than from a choice: they follow it when it
# moves to another subforum. A mode its author or a moderator chose stays.
FOLLOWS_PLACE = ("category", "forum", "tag")


def follow_category(
    session: Session, forum: Forum, thread: Thread, at: datetime,
    settings: ResponseModesSettings, capabilities: frozenset[str],
) -> list[Action]:
    """The thread's mode again from its (new) subforum, unless someone chose its mode."""
    assert thread.id is not None
    row = repo.mode_of(session, thread.id)
    if row is None or row.source not in FOLLOWS_PLACE:
        return []  # no row: its mode is read from its subforum already
    mode, source = default_for(thread, settings)
    if mode == row.mode:
        return []
    opens_at = None
    if mode == "held" and settings.held_default_hours is not None:
        opens_at = at + timedelta(hours=settings.held_default_hours)
    _, actions = set_mode(session, forum, thread, mode=mode, opens_at=opens_at,
                          allow_reactions=None, by=source, actor=None, now=at,
                          settings=settings, capabilities=capabilities)
    return actions


def set_mode(
    session: Session, forum: Forum, thread: Thread, *, mode: str, opens_at: datetime | None,
    allow_reactions: bool | None, by: str, actor: int | None, now: datetime,
    settings: ResponseModesSettings, capabilities: frozenset[str],
) -> tuple[ModeState, list[Action]]:
    """Change a thread's mode. Replies already there stay: only later ones are held to it."""
    assert forum.id is not None and thread.id is not None
    row = repo.mode_of(session, thread.id)
    before = state_of(row, thread, settings)
    if allow_reactions is not None:
        reactions = allow_reactions
    elif before.mode == mode:
        reactions = before.allow_reactions
    else:
        reactions = settings.diary_reactions
    opens_at = as_utc(opens_at) if opens_at is not None and mode == "held" else None
    after = ModeState(mode, reactions, opens_at, now)
    if row is not None and (before.mode, before.allow_reactions, before.opens_at) == (
        after.mode, after.allow_reactions, after.opens_at
    ):
        return before, []
    # What the platform was last told: a due hold is still closed there until the job runs.
    was_open = row is None or row.mode == "open"
    if row is None:
        row = ThreadMode(forum_id=forum.id, thread_id=thread.id, mode=mode, changed_at=now,
                         source=by)
    row.mode, row.allow_reactions, row.opens_at = mode, reactions, opens_at
    row.changed_at, row.source = now, by
    session.add(row)
    repo.kept_mode(session, row)
    change = _record(session, forum, thread, before.mode, mode, reactions, opens_at, by=by,
                     actor=actor, at=now)
    if was_open == (mode == "open"):
        return after, []  # replies stay open, or stay closed, on the platform
    return after, replies_actions(thread, after, change, settings, capabilities,
                                  texts_for(session, forum))


def change_mode(
    ctx: PluginContext[ResponseModesSettings], thread: Thread, *, actor_id: str,
    actor_is_staff: bool, mode: str, opens_at: datetime | None, allow_reactions: bool | None,
    moderator_key: bool,
) -> ModeState:
    """The thread's author or a moderator changes its mode (the platform acting for
    `actor_id`, or a moderator key); a moderator's change is written to the audit log."""
    session, forum, now, settings = ctx.session, ctx.forum, ctx.now, ctx.settings
    actor = mirror_repo.member_for(session, ctx.forum_id, forum.member_secret, actor_id)
    # A moderator key always acts as a moderator, even for a thread a moderator started.
    is_author = not moderator_key and actor is not None and actor.id == thread.author_id
    moderator = moderator_key or actor_is_staff or bool(actor and actor.is_staff)
    if not (is_author or moderator):
        raise Forbidden("only the thread's author or a moderator may change how it takes "
                        "replies")
    if actor is None:
        actor = mirror.member_of(session, forum, actor_id, now)
    before = current_state(session, thread, settings)
    after, actions = set_mode(
        session, forum, thread, mode=mode, opens_at=opens_at, allow_reactions=allow_reactions,
        by="author" if is_author else "moderator", actor=actor.id, now=now, settings=settings,
        capabilities=ctx.capabilities,
    )
    ctx.emit(actions)
    if not is_author and after != before:
        audit.record(
            session, forum_id=ctx.forum_id, actor=ctx.actor, action="response_mode.set",
            subject=f"thread:{thread.ext_id}", at=now,
            before={"mode": before.mode}, after={
                "mode": after.mode, "allow_reactions": after.allow_reactions,
                "opens_at": after.opens_at.isoformat() if after.opens_at else None,
            },
        )
    return after


def replies_actions(
    thread: Thread, state: ModeState, change: ModeChange, settings: ResponseModesSettings,
    capabilities: frozenset[str], texts: Texts,
) -> list[Action]:
    """Open or close replies on the platform itself, where it can and the forum wants it."""
    if CAN_SET_REPLIES not in capabilities or settings.close_replies_on_platform == "never":
        return []
    if settings.close_replies_on_platform == "without_pre_check" and PRE_CHECK in capabilities:
        return []
    is_open = state.mode == "open"
    payload: dict[str, Any] = {
        "thread_id": thread.ext_id, "open": is_open, "reason": platform_reason(state, texts),
        "response_mode": state.mode,
        # Authors may always add to their own diary; platforms that can, let them.
        "author_may_post": True,
        "opens_at": state.opens_at.isoformat() if state.opens_at else None,
        # Deliveries may arrive out of order (retries): apply only the newest per thread.
        "sequence": change.id,
        "as_of": change.at.isoformat(),
    }
    return [Action(kind=SET_THREAD_REPLIES, payload=payload,
                   dedupe_key=f"{PLUGIN}:replies:{change.id}")]


def _record(
    session: Session, forum: Forum, thread: Thread, from_mode: str | None, to_mode: str,
    allow_reactions: bool, opens_at: datetime | None, *, by: str, actor: int | None,
    at: datetime,
) -> ModeChange:
    assert forum.id is not None and thread.id is not None
    change = ModeChange(
        forum_id=forum.id, thread_id=thread.id, from_mode=from_mode, to_mode=to_mode,
        allow_reactions=allow_reactions, opens_at=opens_at, by=by, actor_member_id=actor, at=at,
    )
    session.add(change)
    session.flush()
    log.info("response mode set", extra={"forum": forum.slug, "thread_id": thread.id,
                                         "mode": to_mode, "by": by})
    return change


def _utc(value: datetime | None) -> datetime | None:
    return as_utc(value) if value is not None else None
