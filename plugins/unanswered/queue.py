"""The moderator queue's use cases: claim, acknowledge, snooze, resolve, send a test alert.

Each is one function on the plugin's context, called alike by the API route and the page.
Claiming or acknowledging says a moderator has the post in hand, so it stops escalation;
snoozing only hides the alert from the queue until a time. Resolving ends the watch and
tells the channels the alert went to. Every transition is recorded as a step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from forumkit.audit import service as audit
from forumkit.context import PluginContext
from forumkit.errors import Conflict, NotFound, TooMany, Unprocessable
from forumkit.messages import render
from forumkit.mirror import categories
from forumkit.plugins.unanswered import repository as repo
from forumkit.plugins.unanswered import service
from forumkit.plugins.unanswered.facets import POST_LABELS
from forumkit.plugins.unanswered.messages import actions_for
from forumkit.plugins.unanswered.models import (
    AlertState,
    UnansweredAlert,
    UnansweredWatch,
    WatchState,
)
from forumkit.plugins.unanswered.schemas import AlertOut
from forumkit.plugins.unanswered.settings import UnansweredSettings

Context = PluginContext[UnansweredSettings]
MAX_SNOOZE = timedelta(days=7)


def _test_message(ctx: Context) -> dict[str, Any]:
    return {"title": render(ctx, "unanswered.test_title"),
            "text": render(ctx, "unanswered.test_text"),
            "url": None, "fields": {"tier": 0, "new_member": False, "labels": []},
            "event": "alert.test"}


@dataclass
class Listing:
    alerts: list[AlertOut]
    total: int  # how many match in all, beyond this page
    thread_of: dict[int, int]  # alert id -> mirror thread id, for facets about threads


def listing(ctx: Context, *, state: str, category: str | None, tier: int | None,
            new_member: bool | None, limit: int, offset: int,
            kind: str | None = None) -> Listing:
    """One page of the queue, risk alerts on top, then most overdue first, each alert with
    its post's labels."""
    rows, total = repo.queue(ctx.session, ctx.forum_id, ctx.now, state=state,
                             category=category, tier=tier, new_member=new_member, kind=kind,
                             limit=limit, offset=offset)
    labels = ctx.facets.get(POST_LABELS, ctx.session, ctx.forum,
                            [p.id for _, p, _ in rows if p.id is not None])
    names = categories.names(ctx.session, ctx.forum_id, (a.category_id for a, _, _ in rows))
    return Listing(
        alerts=[AlertOut.of(a, p, t, labels.get(p.id or 0, []), ctx.now,
                            category_name=names.get(a.category_id or ""))
                for a, p, t in rows],
        total=total,
        thread_of={a.id: t.id for a, _, t in rows if a.id is not None and t.id is not None},
    )


def counts(ctx: Context) -> dict[str, int]:
    return repo.counts(ctx.session, ctx.forum_id, ctx.now)


def shown(ctx: Context, alert: UnansweredAlert) -> AlertOut:
    """One alert as moderators see it, with every step it went through."""
    post, thread = repo.alert_with_post(ctx.session, alert)
    assert post.id is not None
    labels = ctx.facets.one(POST_LABELS, ctx.session, ctx.forum, post.id)
    steps = repo.steps_of(ctx.session, alert.id) if alert.id is not None else None
    return AlertOut.of(alert, post, thread, labels, ctx.now, steps,
                       category_name=service.subforum_name(ctx.session, ctx.forum, alert))


def one(ctx: Context, alert_id: int) -> UnansweredAlert:
    alert = repo.get_alert(ctx.session, ctx.forum_id, alert_id, lock=False)
    if alert is None:
        raise NotFound(f"no alert {alert_id} in this forum")
    return alert


def _live(ctx: Context, alert_id: int) -> UnansweredAlert:
    alert = repo.get_alert(ctx.session, ctx.forum_id, alert_id)
    if alert is None:
        raise NotFound(f"no alert {alert_id} in this forum")
    if alert.state == AlertState.resolved:
        raise Conflict(f"alert {alert_id} is already resolved ({alert.resolution})")
    return alert


def claim(ctx: Context, alert_id: int) -> UnansweredAlert:
    alert = _live(ctx, alert_id)
    if alert.claimed_by not in (None, ctx.actor):
        raise Conflict(f"alert {alert_id} is already claimed by {alert.claimed_by}")
    assert alert.id is not None
    alert.claimed_by = ctx.actor
    alert.state = AlertState.claimed
    alert.snoozed_until = None
    ctx.session.add(alert)
    repo.add_step(ctx.session, alert.id, ctx.now, ctx.actor, "claimed")
    return alert


def acknowledge(ctx: Context, alert_id: int) -> UnansweredAlert:
    alert = _live(ctx, alert_id)
    assert alert.id is not None
    alert.state = AlertState.acknowledged
    alert.snoozed_until = None
    ctx.session.add(alert)
    repo.add_step(ctx.session, alert.id, ctx.now, ctx.actor, "acknowledged")
    return alert


def snooze(ctx: Context, alert_id: int, *, minutes: int | None,
           until: datetime | None) -> UnansweredAlert:
    if (minutes is None) == (until is None):
        raise Unprocessable("give either minutes or until")
    wake = ctx.now + timedelta(minutes=minutes) if minutes is not None else until
    assert wake is not None
    if wake <= ctx.now:
        raise Unprocessable("until: the snooze must end in the future")
    if wake - ctx.now > MAX_SNOOZE:
        raise Unprocessable("until: snooze for at most 7 days")
    alert = _live(ctx, alert_id)
    assert alert.id is not None
    alert.state = AlertState.snoozed
    alert.snoozed_until = wake
    ctx.session.add(alert)
    repo.add_step(ctx.session, alert.id, ctx.now, ctx.actor, "snoozed",
                  f"until {wake.isoformat()}")
    return alert


def resolve(ctx: Context, alert_id: int, note: str | None) -> UnansweredAlert:
    """Resolve by a moderator: the watch ends and the alert's channels are told."""
    alert = _live(ctx, alert_id)
    watch = ctx.session.get(UnansweredWatch, alert.watch_id)
    assert watch is not None
    if watch.state == WatchState.waiting or watch.state == WatchState.stopped:
        watch.state = WatchState.resolved
        service.end_watch(watch)
        ctx.session.add(watch)
    ctx.emit(service.resolve_alert(ctx.session, ctx.forum, ctx.settings, watch, alert,
                                   "moderator", ctx.facets, ctx.now, ctx.actor, note))
    return alert


TEST_ALERTS = 5  # test alerts a forum may send
TEST_ALERT_WINDOW = timedelta(minutes=10)  # within this time


def send_test_alert(ctx: Context, channel: str) -> int:
    """Queue a test alert to one configured channel; how many messages it makes. A forum
    sends at most TEST_ALERTS in TEST_ALERT_WINDOW (429 with Retry-After beyond), so a
    test cannot flood a channel; each one is in the audit log."""
    if channel not in ctx.settings.channels:
        raise Unprocessable(f"channel: no channel called {channel!r}; configured: "
                            f"{sorted(ctx.settings.channels)}")
    sent = audit.recent(ctx.session, ctx.forum_id, "alert.test", ctx.now - TEST_ALERT_WINDOW)
    if len(sent) >= TEST_ALERTS:
        wait = sent[-TEST_ALERTS] + TEST_ALERT_WINDOW - ctx.now
        raise TooMany(f"at most {TEST_ALERTS} test alerts in "
                      f"{int(TEST_ALERT_WINDOW.total_seconds() // 60)} minutes; try again "
                      "later", math.ceil(wait.total_seconds()))
    audit.record(ctx.session, forum_id=ctx.forum_id, actor=ctx.actor, action="alert.test",
                 subject=f"channel:{channel}", at=ctx.now)
    actions = actions_for(ctx.settings, [channel], _test_message(ctx), None)
    ctx.emit(actions)
    return len(actions)
