"""Helpers for the unanswered plugin's tests: settings, running the job, reading the outbox."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlmodel import col, select

from forumkit.clock import FrozenClock
from forumkit.db import session_scope
from forumkit.outbox.models import OutboxItem
from forumkit.plugin import JobContext
from forumkit.plugins.unanswered.jobs import fire_due_count
from tests.support.world import World, post_created

__all__ = ["post_created"]


def configure(world: World, settings: dict[str, Any], forum: str = "calm") -> None:
    """Switch the plugin on with these settings. The tests' forum counts members new by
    their posts from the start (no settling period) unless a test says otherwise."""
    settings = {"new_member_settling_days": 0, **settings}
    admin = world.auth(f"{forum}:admin")
    response = world.client.put(f"/v1/forums/{forum}/plugins/unanswered",
                                json={"enabled": True, "settings": settings}, headers=admin)
    assert response.status_code == 200, response.text
    # The core's test plugin also notifies moderators of new threads; keep it out of the way.
    world.client.put(f"/v1/forums/{forum}/plugins/watch", json={"enabled": False}, headers=admin)


def run_job(world: World) -> int:
    services = world.services
    return fire_due_count(JobContext(engine=services.engine, now=services.clock.now(),
                                     app=services))


def advance(world: World, **delta: float) -> int:
    """Move the clock and run the alert job, as the scheduler would."""
    clock = world.services.clock
    assert isinstance(clock, FrozenClock)
    clock.advance(timedelta(**delta))
    return run_job(world)


def alert_actions(world: World, event: str | None = None) -> list[OutboxItem]:
    """Outbox rows the plugin produced, oldest first."""
    with session_scope(world.services.engine) as session:
        rows = list(session.exec(
            select(OutboxItem).where(col(OutboxItem.dedupe_key).startswith("unanswered:"))
            .order_by(col(OutboxItem.created_at), col(OutboxItem.dedupe_key))
        ))
    found = [r for r in rows if event is None or _event(r) == event]
    return found


def _event(row: OutboxItem) -> str:
    payload = row.payload
    return payload["event"] if "event" in payload else payload["message"]["event"]


def fields(row: OutboxItem) -> dict[str, Any]:
    payload = row.payload
    return payload["fields"] if "fields" in payload else payload["message"]["fields"]


def alerts(world: World, forum: str = "calm", **params: Any) -> list[dict[str, Any]]:
    response = world.client.get(f"/v1/forums/{forum}/alerts", params=params,
                                headers=world.auth(f"{forum}:moderator"))
    assert response.status_code == 200, response.text
    return response.json()


def reply(event_id: str, post_id: str, *, thread: str = "t1", author: str = "u7",
          at: str = "2026-01-05T02:40:00Z", **extra: Any) -> dict[str, Any]:
    return post_created(event_id, post_id, thread=thread, author=author, at=at, first=False,
                        **extra)


def one_alert(world: World, peer_window_minutes: int = 60) -> int:
    """One post left unanswered past its window: the id of the alert it raised."""
    configure(world, {"rule": {"peer_window_minutes": peer_window_minutes, "escalation": []}})
    world.send([post_created("e1", "p1")])
    advance(world, minutes=peer_window_minutes + 1)
    [alert] = alerts(world)
    return int(alert["id"])
