"""The moderator queue's transitions: claim, acknowledge, snooze, resolve; each one recorded.

Claiming or acknowledging says a moderator has the post in hand, so it stops escalation;
snoozing only hides the alert from the queue until a time. Resolving ends the watch and
tells the channels the alert went to.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session

from forumkit.actions import Action
from forumkit.errors import Conflict, NotFound, Unprocessable
from forumkit.facets import Facets
from forumkit.forums.models import Forum
from forumkit.plugins.unanswered import repository as repo
from forumkit.plugins.unanswered import service
from forumkit.plugins.unanswered.models import (
    AlertState,
    UnansweredAlert,
    UnansweredWatch,
    WatchState,
)
from forumkit.plugins.unanswered.settings import UnansweredSettings

MAX_SNOOZE = timedelta(days=7)


def _live(session: Session, forum: Forum, alert_id: int) -> UnansweredAlert:
    assert forum.id is not None
    alert = repo.get_alert(session, forum.id, alert_id)
    if alert is None:
        raise NotFound(f"no alert {alert_id} in this forum")
    if alert.state == AlertState.resolved:
        raise Conflict(f"alert {alert_id} is already resolved ({alert.resolution})")
    return alert


def claim(session: Session, forum: Forum, alert_id: int, actor: str,
          now: datetime) -> UnansweredAlert:
    alert = _live(session, forum, alert_id)
    if alert.claimed_by not in (None, actor):
        raise Conflict(f"alert {alert_id} is already claimed by {alert.claimed_by}")
    assert alert.id is not None
    alert.claimed_by = actor
    alert.state = AlertState.claimed
    alert.snoozed_until = None
    session.add(alert)
    repo.add_step(session, alert.id, now, actor, "claimed")
    return alert


def acknowledge(session: Session, forum: Forum, alert_id: int, actor: str,
                now: datetime) -> UnansweredAlert:
    alert = _live(session, forum, alert_id)
    assert alert.id is not None
    alert.state = AlertState.acknowledged
    alert.snoozed_until = None
    session.add(alert)
    repo.add_step(session, alert.id, now, actor, "acknowledged")
    return alert


def snooze(session: Session, forum: Forum, alert_id: int, actor: str, now: datetime, *,
           minutes: int | None, until: datetime | None) -> UnansweredAlert:
    if (minutes is None) == (until is None):
        raise Unprocessable("give either minutes or until")
    wake = now + timedelta(minutes=minutes) if minutes is not None else until
    assert wake is not None
    if wake <= now:
        raise Unprocessable("until: the snooze must end in the future")
    if wake - now > MAX_SNOOZE:
        raise Unprocessable("until: snooze for at most 7 days")
    alert = _live(session, forum, alert_id)
    assert alert.id is not None
    alert.state = AlertState.snoozed
    alert.snoozed_until = wake
    session.add(alert)
    repo.add_step(session, alert.id, now, actor, "snoozed", f"until {wake.isoformat()}")
    return alert


def resolve(session: Session, forum: Forum, settings: UnansweredSettings, alert_id: int,
            actor: str, now: datetime, note: str | None,
            facets: Facets) -> tuple[UnansweredAlert, list[Action]]:
    alert = _live(session, forum, alert_id)
    watch = session.get(UnansweredWatch, alert.watch_id)
    assert watch is not None
    if watch.state == WatchState.waiting or watch.state == WatchState.stopped:
        watch.state = WatchState.resolved
        service.end_watch(watch)
        session.add(watch)
    actions = service.resolve_alert(session, forum, settings, watch, alert, "moderator", facets,
                                    now, actor, note)
    return alert, actions
