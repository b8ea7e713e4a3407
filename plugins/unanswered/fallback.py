"""Alerts that did not get through: an alert none of whose channels has delivered it within
the rule's `fallback_after_minutes` (the forum down through a deploy, a receiver failing)
goes to the rule's `fallback_channel` too, once, saying so; that channel then hears of the
alert's resolution as the others do."""

from __future__ import annotations

from datetime import timedelta

from forumkit.actions import Action
from forumkit.context import PluginContext
from forumkit.messages import texts_for
from forumkit.outbox.service import delivered_keys
from forumkit.plugins.unanswered import repository as repo
from forumkit.plugins.unanswered.facets import POST_LABELS
from forumkit.plugins.unanswered.messages import actions_for, alert_message
from forumkit.plugins.unanswered.models import UnansweredWatch
from forumkit.plugins.unanswered.service import SYSTEM, subforum_name
from forumkit.plugins.unanswered.settings import UnansweredSettings

INTERVAL_SECONDS = 30.0
HORIZON = timedelta(days=1)  # older alerts are left to the queue and the dead letters


def _fired_key(alert_id: int | None, channel: str) -> str:
    return f"unanswered:{alert_id}:fired:{channel}"[:200]  # as messages.actions_for keys it


def send_fallbacks(ctx: PluginContext[UnansweredSettings]) -> list[Action]:
    settings, session, now = ctx.settings, ctx.session, ctx.now
    rules = [settings.rule, *(settings.rule_for(c) for c in settings.categories)]
    if not any(rule.fallback_channel for rule in rules):
        return []
    soonest = min(rule.fallback_after_minutes for rule in rules if rule.fallback_channel)
    assert ctx.forum.id is not None
    alerts = repo.alerts_without_fallback(session, ctx.forum.id, now - HORIZON,
                                          now - timedelta(minutes=soonest))
    delivered = delivered_keys(session, ctx.forum.id,
                               [_fired_key(a.id, n) for a in alerts for n in a.channels])
    texts = texts_for(session, ctx.forum)
    actions: list[Action] = []
    for alert in alerts:
        rule = settings.rule_for(alert.category_id)
        fallback = rule.fallback_channel
        if (not fallback or fallback in alert.channels
                or now - alert.fired_at < timedelta(minutes=rule.fallback_after_minutes)
                or any(_fired_key(alert.id, n) in delivered for n in alert.channels)):
            continue
        assert alert.id is not None
        watch = session.get(UnansweredWatch, alert.watch_id)
        post, thread = repo.alert_with_post(session, alert)
        if watch is None:
            continue
        labels = ctx.facets.one(POST_LABELS, session, ctx.forum, alert.post_id)
        message = alert_message(alert, watch, post, thread, labels, now, texts,
                                subforum_name=subforum_name(session, ctx.forum, alert))
        message["text"] += "\n" + texts.render("unanswered.fallback",
                                               minutes=rule.fallback_after_minutes)
        actions += actions_for(settings, [fallback], message, f"unanswered:{alert.id}:fired")
        alert.channels = [*alert.channels, fallback]  # its resolution goes there too
        session.add(alert)
        repo.add_step(session, alert.id, now, SYSTEM, "fallback", fallback)
    return actions
