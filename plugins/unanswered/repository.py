"""Every query of the unanswered plugin.

While ingest hands the plugin a batch, the watches of the batch's threads and posts are
read once, with the posts they watch (`remembering_batch`); the look-ups of watches below
answer from them (forumkit.remembered).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from forumkit.db import insert_made
from forumkit.events import PostCreated, PostHidden, PostUnhidden
from forumkit.mirror.models import Post, Thread, visible
from forumkit.plugin import Batch
from forumkit.plugins.unanswered.models import (
    AlertKind,
    AlertState,
    UnansweredAlert,
    UnansweredAlertStep,
    UnansweredWatch,
    WatchState,
)
from forumkit.remembered import add_to, forget, keep, recall, remembering

LIVE = (AlertState.open, AlertState.claimed, AlertState.acknowledged, AlertState.snoozed)
POST_WATCH = "unanswered.post_watch"  # (post id, kind) -> the post's watch, or None
THREAD_WATCHES = "unanswered.thread_watches"  # thread id -> its watches for an answer
WATCHED_POSTS = "unanswered.watched_posts"  # post id -> a watched post outside the batch


@contextmanager
def remembering_batch(session: Session, batch: Batch) -> Iterator[None]:
    """The watches of the batch's threads and posts in one query, remembered while the
    batch is handled, with the posts they watch."""
    named = [item.post for item in batch.items if item.post is not None and item.post.id]
    post_ids = {p.id for p in named if p.id is not None}
    thread_ids = set(batch.ids("thread")) | {p.thread_id for p in named if p.thread_id}
    watches = list(session.exec(select(UnansweredWatch).where(or_(
        col(UnansweredWatch.thread_id).in_(thread_ids),
        col(UnansweredWatch.post_id).in_(post_ids))))) if post_ids or thread_ids else []
    # A reply, or a post hidden or shown again, looks at the posts its thread's watches
    # watch: read here and held while the batch is handled, so that `session.get` finds them.
    answers = any(isinstance(i.event, PostCreated | PostHidden | PostUnhidden)
                  for i in batch.items)
    watched = {w.post_id for w in watches} - post_ids if answers else set()
    posts = list(session.exec(select(Post).where(col(Post.id).in_(watched)))) if watched else []
    by_post: dict[tuple[int, str], UnansweredWatch | None] = {
        (post_id, kind): None for post_id in post_ids for kind in AlertKind}
    by_thread: dict[int, list[UnansweredWatch]] = {t: [] for t in thread_ids if t}
    for watch in sorted(watches, key=lambda w: w.id or 0):
        by_post[(watch.post_id, watch.kind)] = watch
        if watch.kind == AlertKind.unanswered and watch.thread_id in by_thread:
            by_thread[watch.thread_id].append(watch)
    with ExitStack() as stack:
        stack.enter_context(remembering(session, POST_WATCH, by_post))
        stack.enter_context(remembering(session, THREAD_WATCHES, by_thread))
        stack.enter_context(remembering(session, WATCHED_POSTS, {p.id: p for p in posts}))
        yield


def insert_watch(session: Session, watch: UnansweredWatch) -> UnansweredWatch | None:
    """Insert the watch unless the post has one of its kind; the row when this call did."""
    made = insert_made(session, UnansweredWatch, watch.model_dump(exclude={"id"}))
    if made is None:
        forget(session, POST_WATCH, (watch.post_id, watch.kind))  # made by another request
        forget(session, THREAD_WATCHES, watch.thread_id)
        return None
    keep(session, POST_WATCH, (made.post_id, made.kind), made)
    if made.kind == AlertKind.unanswered:
        add_to(session, THREAD_WATCHES, made.thread_id, made)
    return made


def due_watches(
    session: Session, now: datetime, forum_ids: Sequence[int], limit: int
) -> list[UnansweredWatch]:
    """Watches whose next tier is due, oldest deadline first; one index range scan.

    Their posts and threads come in the same query (the firing needs them). On PostgreSQL
    watches another scheduler holds are skipped rather than waited for.
    """
    if not forum_ids:
        return []
    rows = session.exec(
        select(UnansweredWatch, Post, Thread)
        .join(Post, col(Post.id) == UnansweredWatch.post_id)
        .join(Thread, col(Thread.id) == UnansweredWatch.thread_id)
        .where(col(UnansweredWatch.due_at) <= now,
               col(UnansweredWatch.forum_id).in_(list(forum_ids)))
        .order_by(col(UnansweredWatch.due_at))
        .limit(limit)
        .with_for_update(skip_locked=True, of=UnansweredWatch)  # type: ignore[arg-type]
    ).all()
    return [watch for watch, _post, _thread in rows]


def first_answers(
    session: Session, watches: Sequence[UnansweredWatch]
) -> dict[int, tuple[datetime, bool]]:
    """For each watch whose thread has a live post by someone other than the watched
    post's author: when the first such post came and whether staff wrote it. One query."""
    ids = [w.id for w in watches if w.id is not None]
    if not ids:
        return {}
    watched, other = aliased(Post), aliased(Post)
    rows = session.exec(
        select(UnansweredWatch.id, other.created_at, other.author_is_staff)
        .join(watched, col(watched.id) == UnansweredWatch.post_id)
        .join(other, col(other.thread_id) == UnansweredWatch.thread_id)
        .where(col(UnansweredWatch.id).in_(ids), col(other.id) != UnansweredWatch.post_id,
               visible(other), col(other.created_at).is_not(None),
               or_(col(watched.author_id).is_(None), col(other.author_id).is_(None),
                   col(other.author_id) != col(watched.author_id)))
        .order_by(col(other.created_at).desc())
    ).all()
    # Newest first, so the earliest answer of each watch is the one left in the dict.
    return {watch_id: (at, staff) for watch_id, at, staff in rows
            if watch_id is not None and at is not None}


def insert_alert(session: Session, values: dict[str, Any]) -> int | None:
    """Insert the alert unless its (post, kind, tier) exists; its id when this call inserted it."""
    table = UnansweredAlert.__table__  # type: ignore[attr-defined]
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    stmt = insert(table).values(**values).on_conflict_do_nothing().returning(table.c.id)
    inserted = session.execute(stmt).first()
    return None if inserted is None else int(inserted[0])


def watch_of_post(session: Session, post_id: int,
                  kind: str = AlertKind.unanswered) -> UnansweredWatch | None:
    return recall(session, POST_WATCH, (post_id, kind), lambda: session.exec(
        select(UnansweredWatch).where(UnansweredWatch.post_id == post_id,
                                      UnansweredWatch.kind == kind)).first())


def watches_of_thread(session: Session, thread_id: int) -> list[UnansweredWatch]:
    """The thread's watches for an answer (not its risk watches: an answer ends no risk)."""
    return list(recall(session, THREAD_WATCHES, thread_id, lambda: list(session.exec(
        select(UnansweredWatch).where(UnansweredWatch.thread_id == thread_id,
                                      UnansweredWatch.kind == AlertKind.unanswered)
        .order_by(col(UnansweredWatch.id))))))


def others_posted_in(session: Session, thread_id: int, author_id: int | None,
                     exclude_post: int) -> Post | None:
    """A live post in the thread by someone other than `author_id`, earliest first."""
    query = select(Post).where(
        Post.thread_id == thread_id, Post.id != exclude_post,
        visible(), col(Post.created_at).is_not(None),
    )
    if author_id is not None:
        query = query.where(or_(col(Post.author_id).is_(None), col(Post.author_id) != author_id))
    return session.exec(query.order_by(col(Post.created_at))).first()


def alert_of(session: Session, post_id: int, tier: int,
             kind: str = AlertKind.unanswered) -> UnansweredAlert | None:
    return session.exec(
        select(UnansweredAlert).where(UnansweredAlert.post_id == post_id,
                                      UnansweredAlert.kind == kind, UnansweredAlert.tier == tier)
    ).first()


def live_alerts_of_watch(session: Session, watch_id: int) -> list[UnansweredAlert]:
    return list(session.exec(
        select(UnansweredAlert).where(UnansweredAlert.watch_id == watch_id,
                                      col(UnansweredAlert.state).in_(LIVE))
    ))


def any_alert_fired_by(session: Session, watch_id: int, at: datetime) -> bool:
    return session.exec(
        select(UnansweredAlert.id).where(UnansweredAlert.watch_id == watch_id,
                                         col(UnansweredAlert.fired_at) <= at)
    ).first() is not None


def get_alert(session: Session, forum_id: int, alert_id: int, *,
              lock: bool = True) -> UnansweredAlert | None:
    """The forum's alert; locked for the transition about to be made unless `lock` is off."""
    alert = session.get(UnansweredAlert, alert_id, with_for_update=lock)
    return alert if alert is not None and alert.forum_id == forum_id else None


def add_step(session: Session, alert_id: int, at: datetime, actor: str, action: str,
             note: str | None = None) -> None:
    session.add(UnansweredAlertStep(alert_id=alert_id, at=at, actor=actor, action=action,
                                    note=note))


def steps_of(session: Session, alert_id: int) -> list[UnansweredAlertStep]:
    return list(session.exec(
        select(UnansweredAlertStep).where(UnansweredAlertStep.alert_id == alert_id)
        .order_by(col(UnansweredAlertStep.at), col(UnansweredAlertStep.id))
    ))


def _queue_filter(query: Any, forum_id: int, now: datetime, state: str,
                  category: str | None, tier: int | None, new_member: bool | None,
                  kind: str | None = None) -> Any:
    query = query.where(UnansweredAlert.forum_id == forum_id)
    if kind is not None:
        query = query.where(UnansweredAlert.kind == kind)
    if state == "open":  # everything a moderator still has to see to, snoozes that have ended
        query = query.where(
            col(UnansweredAlert.state).in_(
                [AlertState.open, AlertState.claimed, AlertState.acknowledged, AlertState.snoozed]
            ),
            or_(col(UnansweredAlert.state) != AlertState.snoozed,
                col(UnansweredAlert.snoozed_until) <= now),
        )
    elif state == "snoozed":
        query = query.where(UnansweredAlert.state == AlertState.snoozed,
                            col(UnansweredAlert.snoozed_until) > now)
    elif state != "all":
        query = query.where(UnansweredAlert.state == state)
    if category is not None:
        query = query.where(UnansweredAlert.category_id == category)
    if tier is not None:
        query = query.where(UnansweredAlert.tier == tier)
    if new_member is not None:
        query = query.where(UnansweredAlert.new_member == new_member)
    return query


def queue(
    session: Session, forum_id: int, now: datetime, *, state: str = "open",
    category: str | None = None, tier: int | None = None, new_member: bool | None = None,
    kind: str | None = None, limit: int = 50, offset: int = 0,
) -> tuple[list[tuple[UnansweredAlert, Post, Thread]], int]:
    """Alerts with their post and thread, risk alerts on top, then most overdue first, and
    how many match in all."""
    query = select(UnansweredAlert, Post, Thread).join(
        Post, col(Post.id) == UnansweredAlert.post_id
    ).join(Thread, col(Thread.id) == UnansweredAlert.thread_id)
    query = _queue_filter(query, forum_id, now, state, category, tier, new_member, kind)
    risk_first = case((col(UnansweredAlert.kind) == AlertKind.risk, 0), else_=1)
    rows = session.exec(
        query.order_by(risk_first, col(UnansweredAlert.due_at), col(UnansweredAlert.id))
        .offset(offset).limit(limit)
    ).all()
    count_query = _queue_filter(select(func.count()).select_from(UnansweredAlert), forum_id,
                                now, state, category, tier, new_member, kind)
    total = session.exec(count_query).one()
    return [tuple(r) for r in rows], int(total)  # type: ignore[misc]


def counts(session: Session, forum_id: int, now: datetime) -> dict[str, int]:
    out = {}
    for state in ("open", "snoozed", "claimed", "acknowledged"):
        query = _queue_filter(select(func.count()).select_from(UnansweredAlert), forum_id, now,
                              state, None, None, None)
        out[state] = int(session.exec(query).one())
    query = _queue_filter(select(func.count()).select_from(UnansweredAlert), forum_id, now,
                          "open", None, None, True)
    out["new_member"] = int(session.exec(query).one())
    query = _queue_filter(select(func.count()).select_from(UnansweredAlert), forum_id, now,
                          "open", None, None, None, AlertKind.risk)
    out["risk"] = int(session.exec(query).one())
    return out


def alert_with_post(session: Session, alert: UnansweredAlert) -> tuple[Post, Thread]:
    post = session.get(Post, alert.post_id)
    thread = session.get(Thread, alert.thread_id)
    assert post is not None and thread is not None
    return post, thread


def care_threads(session: Session, forum_id: int, thread_ids: Sequence[int]) -> dict[int, str]:
    """Thread id -> the state of a live alert a moderator has taken on."""
    rows = session.exec(
        select(UnansweredAlert.thread_id, UnansweredAlert.state).where(
            UnansweredAlert.forum_id == forum_id,
            col(UnansweredAlert.thread_id).in_(list(thread_ids)),
            col(UnansweredAlert.state).in_([AlertState.claimed, AlertState.acknowledged]),
        )
    )
    return {thread_id: state for thread_id, state in rows}


def watches_between(session: Session, forum_id: int, since: datetime,
                    until: datetime) -> list[UnansweredWatch]:
    return list(session.exec(
        select(UnansweredWatch).where(
            UnansweredWatch.forum_id == forum_id, col(UnansweredWatch.posted_at) >= since,
            col(UnansweredWatch.posted_at) <= until,
            col(UnansweredWatch.state).not_in([WatchState.deleted, WatchState.hidden]),
        )
    ))


def alerts_per_tier(session: Session, forum_id: int, since: datetime,
                    until: datetime) -> dict[int, int]:
    rows = session.exec(
        select(UnansweredAlert.tier, func.count()).where(
            UnansweredAlert.forum_id == forum_id, col(UnansweredAlert.fired_at) >= since,
            col(UnansweredAlert.fired_at) <= until,
        ).group_by(col(UnansweredAlert.tier))
    )
    return {tier: int(n) for tier, n in rows}


def watches_of_member(session: Session, member_id: int) -> list[UnansweredWatch]:
    return list(session.exec(
        select(UnansweredWatch).join(Post, col(Post.id) == UnansweredWatch.post_id)
        .where(Post.author_id == member_id)
    ))



def alerts_without_fallback(session: Session, forum_id: int, since: datetime,
                            until: datetime) -> list[UnansweredAlert]:
    """Alerts fired between the two times, not resolved, not yet sent to a fallback."""
    fell_back = select(UnansweredAlertStep.alert_id).where(
        UnansweredAlertStep.action == "fallback")
    return list(session.exec(select(UnansweredAlert).where(
        UnansweredAlert.forum_id == forum_id, col(UnansweredAlert.fired_at) >= since,
        col(UnansweredAlert.fired_at) <= until,
        UnansweredAlert.state != AlertState.resolved,
        col(UnansweredAlert.id).not_in(fell_back))))
