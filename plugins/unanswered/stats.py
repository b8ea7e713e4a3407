"""Figures for admins: time to first response per subforum and week, alerts per tier, and
the share of posts peers answered before any alert."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlmodel import Session

from forumkit.plugins.unanswered import repository as repo
from forumkit.plugins.unanswered.models import UnansweredWatch, WatchState


def week_start(at: datetime) -> date:
    day = at.astimezone(UTC).date()
    return day - timedelta(days=day.weekday())


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


NOT_COUNTED = (WatchState.skipped, WatchState.followed_up)


def median(sorted_values: list[float]) -> float:
    n = len(sorted_values)
    mid = n // 2
    return sorted_values[mid] if n % 2 else (sorted_values[mid - 1] + sorted_values[mid]) / 2


def forum_stats(session: Session, forum_id: int, now: datetime, weeks: int) -> dict[str, Any]:
    until = now
    since = datetime.combine(week_start(now) - timedelta(weeks=weeks - 1), time(), tzinfo=UTC)
    watches = repo.watches_between(session, forum_id, since, until)
    groups: dict[tuple[str, date], list[UnansweredWatch]] = defaultdict(list)
    for w in watches:
        if w.state in NOT_COUNTED:
            continue
        groups[(w.category_id or "", week_start(w.posted_at))].append(w)
    rows = []
    for (category, week), items in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        waits = sorted(
            (w.answered_at - w.posted_at).total_seconds() / 60
            for w in items if w.answered_at is not None
        )
        rows.append({
            "category": category or None, "week": week.isoformat(), "posts": len(items),
            "answered": len(waits),
            "median_minutes": round(median(waits), 1) if waits else None,
            "p90_minutes": round(percentile(waits, 0.9), 1) if waits else None,
        })
    counted = [w for w in watches if w.state not in NOT_COUNTED]
    by_peers = [w for w in counted if w.answered_at is not None and not w.answered_by_staff
                and not w.alerted_before_answer]
    tiers = repo.alerts_per_tier(session, forum_id, since, until)
    return {
        "since": since.isoformat(), "until": until.isoformat(),
        "first_response": rows,
        "alerts_per_tier": {str(t): n for t, n in sorted(tiers.items())},
        "posts_watched": len(counted),
        "answered_by_peers_before_alert": len(by_peers),
        "peer_answered_share": round(len(by_peers) / len(counted), 3) if counted else None,
    }

