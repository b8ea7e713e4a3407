"""Applying the rules to one watched post: when each tier is due, which channels it uses."""

from __future__ import annotations

from datetime import datetime, timedelta

from forumkit.plugins.unanswered import rota as rota_time
from forumkit.plugins.unanswered.models import AlertKind, UnansweredWatch
from forumkit.plugins.unanswered.settings import Rule, UnansweredSettings


def minutes_for(rule: Rule, tier: int, new_member: bool) -> int | None:
    """Minutes after the post when `tier` falls due; None when the rule has no such tier."""
    if tier == 1:
        return rule.new_member_window_minutes if new_member else rule.peer_window_minutes
    index = tier - 2
    if index >= len(rule.escalation):
        return None
    return rule.escalation[index].after_minutes


def due_at(settings: UnansweredSettings, watch: UnansweredWatch, tier: int) -> datetime | None:
    """When `tier` falls due: wall time, or rota time when the rule holds alerts off-rota.

    A risk alert is due the moment ForumKit learns of the post, and its escalation
    `risk_escalate_minutes` later; it is never held for the rota."""
    if watch.kind == AlertKind.risk:
        start = watch.received_at or watch.posted_at
        if tier == 1:
            return start
        return start + timedelta(minutes=settings.risk_escalate_minutes) if tier == 2 else None
    rule = settings.rule_for(watch.category_id)
    minutes = minutes_for(rule, tier, watch.new_member)
    if minutes is None:
        return None
    if rule.outside_rota == "hold":
        return rota_time.add_open_time(settings.rota, watch.posted_at, minutes)
    return watch.posted_at + timedelta(minutes=minutes)


def channels_for(
    settings: UnansweredSettings, category: str | None, tier: int, at: datetime,
    kind: str = AlertKind.unanswered,
) -> tuple[list[str], bool]:
    """The channel names a tier uses at `at`, and whether that is the out-of-hours route.

    Risk alerts go where the rule's alerts go; outside the rota, to the out-of-hours
    channels when the forum has any (even where its unanswered alerts wait for the rota),
    and their escalation to the rule's first escalation tier (or its channels again)."""
    rule = settings.rule_for(category)
    off_rota = not rota_time.is_open(settings.rota, at)
    if kind == AlertKind.risk:
        if off_rota and rule.out_of_hours_channels:
            return list(rule.out_of_hours_channels), True
        if tier > 1 and rule.escalation:
            return list(rule.escalation[0].channels), False
        return list(rule.channels), False
    if rule.outside_rota == "route" and off_rota:
        return list(rule.out_of_hours_channels), True
    if tier == 1:
        return list(rule.channels), False
    return list(rule.escalation[tier - 2].channels), False


def waited_words(minutes: float) -> str:
    """'45 min', '4 h', '4 h 5 min', '2 days 3 h'."""
    total = int(minutes)
    days, rest = divmod(total, 60 * 24)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    if hours:
        parts.append(f"{hours} h")
    if mins and not days:
        parts.append(f"{mins} min")
    return " ".join(parts) or "under a minute"
