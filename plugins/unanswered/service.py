"""Watching posts: start a watch, fire its tiers when due, end it on an answer or a deletion.

All of it runs in the caller's transaction (ingest or the scheduler job) and returns actions
for the outbox; nothing here commits or calls the network.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session

from forumkit.actions import Action
from forumkit.facets import Facets
from forumkit.forums.models import Forum
from forumkit.messages import texts_for
from forumkit.mirror import categories
from forumkit.mirror.models import Member, Post, Thread
from forumkit.plugins.unanswered import repository as repo
from forumkit.plugins.unanswered import rules
from forumkit.plugins.unanswered.facets import POST_LABELS, THREAD_RESPONSE_MODE
from forumkit.plugins.unanswered.messages import actions_for, alert_message
from forumkit.plugins.unanswered.models import (
    AlertKind,
    AlertState,
    UnansweredAlert,
    UnansweredWatch,
    WatchState,
)
from forumkit.plugins.unanswered.settings import UnansweredSettings

SYSTEM = "forumkit"
LATE_AFTER = timedelta(seconds=60)  # fired this long after its deadline: the service was down
TAKEN = (AlertState.claimed, AlertState.acknowledged)


def skip_reason(
    session: Session, forum: Forum, settings: UnansweredSettings, thread: Thread, facets: Facets
) -> str | None:
    """Why a thread needs no answer from peers or moderators, or None."""
    if thread.announcement:
        return "announcement"
    if thread.closed:
        return "locked"
    assert thread.id is not None
    mode = facets.one(THREAD_RESPONSE_MODE, session, forum, thread.id)
    if mode in settings.skip_response_modes:
        return f"response mode {mode}"
    return None


def start_watch(
    session: Session, forum: Forum, settings: UnansweredSettings, post: Post, thread: Thread,
    author: Member | None, facets: Facets, body: str | None, now: datetime,
) -> None:
    """Watch a thread's first post for an answer, unless it is one that needs none."""
    assert forum.id is not None and post.id is not None and thread.id is not None
    if post.author_is_staff or (author is not None and author.is_staff):
        return
    if skip_reason(session, forum, settings, thread, facets) or post.created_at is None:
        return
    if now - post.created_at > timedelta(days=settings.stale_after_days):
        return  # history being imported: too old for an alert to help
    new_member = author is not None and author.is_new(
        forum.created_at, now, posts=settings.new_member_posts,
        settling_days=settings.new_member_settling_days, new_for_days=settings.new_member_days)
    excerpt = body.strip()[: settings.excerpt_chars] if body and settings.excerpt_chars else None
    watch = UnansweredWatch(
        forum_id=forum.id, post_id=post.id, thread_id=thread.id, category_id=thread.category_id,
        posted_at=post.created_at, received_at=now, new_member=new_member,
        excerpt=excerpt or None,
    )
    watch.due_at = rules.due_at(settings, watch, 1)
    made = repo.insert_watch(session, watch)
    if made is None:
        return
    # A reply that arrived before the post it answers (events can come out of order).
    earlier = repo.others_posted_in(session, thread.id, post.author_id, post.id)
    if earlier is not None and earlier.created_at is not None:
        mark_answered(session, made, earlier.created_at, earlier.author_is_staff)


def mark_answered(session: Session, watch: UnansweredWatch, at: datetime, staff: bool) -> bool:
    if watch.answered_at is not None:
        return False
    assert watch.id is not None
    at = max(at, watch.posted_at)
    watch.answered_at = at
    watch.answered_by_staff = staff
    watch.alerted_before_answer = repo.any_alert_fired_by(session, watch.id, at)
    if watch.state in (WatchState.waiting, WatchState.stopped):
        watch.state = WatchState.answered
    end_watch(watch)
    session.add(watch)
    return True


def end_watch(watch: UnansweredWatch) -> None:
    if watch.state != WatchState.waiting:
        watch.due_at = None
        watch.excerpt = None


def record_reply(
    session: Session, forum: Forum, settings: UnansweredSettings, reply: Post,
    replier: Member | None, at: datetime, facets: Facets, now: datetime,
    body: str | None = None,
) -> list[Action]:
    """A reply by someone other than the author answers the thread's watched post; the
    author's own follow-up keeps an unanswered thread watched (follow_up)."""
    if reply.thread_id is None:
        return []
    thread = session.get(Thread, reply.thread_id)
    if thread is not None and replier is not None and thread.author_id == replier.id:
        follow_up(session, forum, settings, reply, thread, replier, facets, body, now)
        return []
    actions: list[Action] = []
    for watch in repo.watches_of_thread(session, reply.thread_id):
        if watch.post_id == reply.id:
            continue
        watched = session.get(Post, watch.post_id)
        if watched is None or (watched.author_id is not None
                               and watched.author_id == reply.author_id):
            continue
        staff = reply.author_is_staff or bool(replier and replier.is_staff)
        if mark_answered(session, watch, at, staff):
            actions += resolve_live_alerts(session, forum, settings, watch, "answered", facets,
                                           now)
    return actions


def follow_up(
    session: Session, forum: Forum, settings: UnansweredSettings, post: Post, thread: Thread,
    author: Member, facets: Facets, body: str | None, now: datetime,
) -> None:
    """The thread's author posts again ("still struggling, anyone?") while nobody else has
    answered: the deadline restarts from this post. A watch that has already fired alerts
    goes on escalating as it was; one that has not is superseded by a watch of this post,
    and a thread no longer watched (stopped, or never watched) is watched again."""
    assert thread.id is not None and post.id is not None
    if repo.others_posted_in(session, thread.id, author.id, post.id) is not None:
        return
    live = [w for w in repo.watches_of_thread(session, thread.id)
            if w.state == WatchState.waiting]
    if any(w.next_tier > 1 for w in live):
        return
    for watch in live:
        watch.state = WatchState.followed_up
        end_watch(watch)
        session.add(watch)
    start_watch(session, forum, settings, post, thread, author, facets, body, now)


def record_reaction(
    session: Session, forum: Forum, settings: UnansweredSettings, post: Post,
    reactor: Member | None, at: datetime, facets: Facets, now: datetime,
) -> list[Action]:
    if not settings.reactions_answer or post.id is None or reactor is None:
        return []
    watch = repo.watch_of_post(session, post.id)
    if watch is None or post.author_id == reactor.id:
        return []
    if not mark_answered(session, watch, at, reactor.is_staff):
        return []
    return resolve_live_alerts(session, forum, settings, watch, "answered", facets, now)


def record_deleted(
    session: Session, forum: Forum, settings: UnansweredSettings, post: Post, facets: Facets,
    now: datetime,
) -> list[Action]:
    if post.id is None:
        return []
    watch = repo.watch_of_post(session, post.id)
    if watch is None or watch.state == WatchState.deleted:
        return []
    watch.state = WatchState.deleted
    end_watch(watch)
    session.add(watch)
    return resolve_live_alerts(session, forum, settings, watch, "deleted", facets, now)


def record_hidden(
    session: Session, forum: Forum, settings: UnansweredSettings, post: Post, facets: Facets,
    now: datetime,
) -> list[Action]:
    """A moderator hid a post. A watched post stops being watched, as if deleted (a
    moderator has seen it). A hidden reply answers nothing: a watch it answered waits again,
    unless another reply still answers it."""
    if post.id is None or post.thread_id is None:
        return []
    own = repo.watch_of_post(session, post.id)
    if own is not None:
        if own.state not in (WatchState.waiting, WatchState.stopped):
            return []  # answered, or already ended
        own.state = WatchState.hidden
        end_watch(own)
        session.add(own)
        return resolve_live_alerts(session, forum, settings, own, "hidden", facets, now)
    for watch in repo.watches_of_thread(session, post.thread_id):
        watched = session.get(Post, watch.post_id)
        if watch.state != WatchState.answered or watched is None or post.created_at is None:
            continue
        if watch.answered_at != max(post.created_at, watch.posted_at):
            continue  # another reply, or a reaction, answered it
        if repo.others_posted_in(session, post.thread_id, watched.author_id,
                                 watched.id or 0) is None:
            _wait_again(watch, settings, now)
            session.add(watch)
    return []


def record_unhidden(
    session: Session, forum: Forum, settings: UnansweredSettings, post: Post,
    author: Member | None, at: datetime, facets: Facets, now: datetime,
) -> list[Action]:
    """A hidden post shown again: a watched one is watched again (and answered, if a reply
    came meanwhile); a reply answers as a new one would."""
    if post.id is None or post.thread_id is None or not post.visible:
        return []
    own = repo.watch_of_post(session, post.id)
    if own is not None:
        if own.state == WatchState.hidden:
            _wait_again(own, settings, now)
            answer = repo.others_posted_in(session, post.thread_id, post.author_id, post.id)
            if answer is not None and answer.created_at is not None:
                mark_answered(session, own, answer.created_at, answer.author_is_staff)
            session.add(own)
        return []
    thread = session.get(Thread, post.thread_id)
    if thread is None or (author is not None and thread.author_id == author.id):
        return []  # the author's own words answer nothing
    return record_reply(session, forum, settings, post, author, at, facets, now)


def _wait_again(watch: UnansweredWatch, settings: UnansweredSettings, now: datetime) -> None:
    """Back to waiting for an answer. Its next tier is due when the rules say, or at once if
    that has passed; an alert fired now is not late for the time the post looked answered."""
    watch.state = WatchState.waiting
    watch.answered_at, watch.answered_by_staff, watch.alerted_before_answer = None, False, False
    watch.received_at = now
    due = rules.due_at(settings, watch, watch.next_tier)
    if due is None:
        watch.state = WatchState.stopped
    watch.due_at = due
    end_watch(watch)


def resolve_live_alerts(
    session: Session, forum: Forum, settings: UnansweredSettings, watch: UnansweredWatch,
    resolution: str, facets: Facets, now: datetime, actor: str = SYSTEM,
    note: str | None = None,
) -> list[Action]:
    """Resolve the watch's live alerts and tell the channels they went to."""
    assert watch.id is not None
    actions: list[Action] = []
    for alert in repo.live_alerts_of_watch(session, watch.id):
        if alert.state == AlertState.resolved:  # resolved in this unit of work, not yet written
            continue
        actions += resolve_alert(session, forum, settings, watch, alert, resolution, facets,
                                 now, actor, note)
    return actions


def resolve_alert(
    session: Session, forum: Forum, settings: UnansweredSettings, watch: UnansweredWatch,
    alert: UnansweredAlert, resolution: str, facets: Facets, now: datetime, actor: str,
    note: str | None,
) -> list[Action]:
    assert alert.id is not None
    alert.state = AlertState.resolved
    alert.resolved_at = now
    alert.resolution = resolution
    alert.note = note
    alert.snoozed_until = None
    session.add(alert)
    repo.add_step(session, alert.id, now, actor, "resolved", note or resolution)
    if resolution == "escalated":
        return []
    post, thread = repo.alert_with_post(session, alert)
    labels = facets.one(POST_LABELS, session, forum, post.id)  # type: ignore[arg-type]
    message = alert_message(alert, watch, post, thread, labels, now, texts_for(session, forum),
                            event="alert.resolved",
                            subforum_name=subforum_name(session, forum, alert))
    return actions_for(settings, alert.channels, message, f"unanswered:{alert.id}:resolved")


def fire_due_tiers(
    session: Session, forum: Forum, settings: UnansweredSettings, watch: UnansweredWatch,
    facets: Facets, now: datetime, answer: tuple[datetime, bool] | None,
    reasons: list[dict[str, str]] | None = None,
) -> list[Action]:
    """Fire every tier of this watch that is due by now, each at most once.

    `answer` is the first reply in the thread by someone else (repo.first_answers), if any;
    `reasons` why a risk watch's first alert fires (later tiers carry the same).
    """
    actions: list[Action] = []
    while watch.state == WatchState.waiting and watch.due_at is not None and watch.due_at <= now:
        actions += _fire_next(session, forum, settings, watch, facets, now, answer, reasons)
    session.add(watch)
    return actions


def _fire_next(
    session: Session, forum: Forum, settings: UnansweredSettings, watch: UnansweredWatch,
    facets: Facets, now: datetime, answer: tuple[datetime, bool] | None,
    reasons: list[dict[str, str]] | None = None,
) -> list[Action]:
    assert watch.id is not None
    # A risk alert stands whatever the thread's mode, its replies, or the post's deletion:
    # the writer may still be at risk. Only a moderator resolves it.
    risk = watch.kind == AlertKind.risk
    post = session.get(Post, watch.post_id)
    thread = session.get(Thread, watch.thread_id)
    if post is None or thread is None or (post.deleted_at is not None and not risk):
        watch.state = WatchState.deleted
        end_watch(watch)
        return []
    if not risk and skip_reason(session, forum, settings, thread, facets):
        watch.state = WatchState.skipped
        end_watch(watch)
        return resolve_live_alerts(session, forum, settings, watch, "skipped", facets, now)
    # A reply the handlers did not see (the plugin was off, events came out of order).
    if answer is not None and not risk:
        mark_answered(session, watch, *answer)
        return resolve_live_alerts(session, forum, settings, watch, "answered", facets, now)
    tier = watch.next_tier
    due = rules.due_at(settings, watch, tier)
    if due is None:  # the rule has no more tiers
        watch.state = WatchState.stopped
        end_watch(watch)
        return []
    if due > now:  # the rules changed since this deadline was set
        watch.due_at = due
        return []
    if now - due > timedelta(days=settings.stale_after_days):
        watch.state = WatchState.stopped  # an outage longer than alerts are useful for
        end_watch(watch)
        return []
    before = repo.alert_of(session, watch.post_id, tier - 1, watch.kind) if tier > 1 else None
    if before is not None and (before.state in TAKEN or (
            before.state == AlertState.snoozed and before.claimed_by is not None)):
        watch.state = WatchState.stopped  # a moderator has it in hand: no escalation
        end_watch(watch)
        return []

    actions: list[Action] = []
    names, out_of_hours = rules.channels_for(settings, watch.category_id, tier, now,
                                             watch.kind)
    # Late only when held up inside ForumKit: not when the post itself reached it late.
    could_fire = max(due, watch.received_at or due)
    values: dict[str, Any] = {
        "forum_id": watch.forum_id, "watch_id": watch.id, "post_id": watch.post_id,
        "thread_id": watch.thread_id, "category_id": watch.category_id, "tier": tier,
        "kind": watch.kind, "reasons": reasons or (before.reasons if before else None),
        "new_member": watch.new_member, "due_at": due, "fired_at": now,
        "late": now - could_fire > LATE_AFTER, "out_of_hours": out_of_hours, "channels": names,
        "state": AlertState.open.value,
    }
    alert_id = repo.insert_alert(session, values)
    if alert_id is not None:
        alert = UnansweredAlert(id=alert_id, **values)  # as inserted; not tracked twice
        repo.add_step(session, alert_id, now, SYSTEM, "fired", "late" if alert.late else None)
        if before is not None and before.state != AlertState.resolved:
            resolve_alert(session, forum, settings, watch, before, "escalated", facets, now,
                          SYSTEM, f"escalated to tier {tier}")
        labels = facets.one(POST_LABELS, session, forum, watch.post_id)
        message = alert_message(alert, watch, post, thread, labels, now,
                                texts_for(session, forum),
                                subforum_name=subforum_name(session, forum, alert))
        actions = actions_for(settings, names, message, f"unanswered:{alert_id}:fired")
    watch.next_tier = tier + 1
    following = rules.due_at(settings, watch, tier + 1)
    watch.due_at = following
    if following is None:
        watch.state = WatchState.stopped
        end_watch(watch)
    return actions


def subforum_name(session: Session, forum: Forum, alert: UnansweredAlert) -> str | None:
    """The name the platform last sent for the alert's subforum, if any."""
    assert forum.id is not None
    return categories.name_of(session, forum.id, alert.category_id)
