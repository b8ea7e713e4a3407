"""Queueing actions, and the state changes of a delivery: claim, hold, succeed, fail, die,
hand back; and of a destination: fail, pause, disable, enable.

Every statement here runs on SQLite and PostgreSQL alike. Claims lock rows with SKIP LOCKED
on PostgreSQL, so workers take disjoint rows; SQLite takes its write lock when a transaction
begins (forumkit.db), which serialises claims.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from forumkit.actions import Action
from forumkit.adapter import DeliveryResult
from forumkit.context import PluginContext
from forumkit.db import insert_missing, insert_once
from forumkit.forums.models import Forum
from forumkit.outbox.destinations import destination_key, destination_label
from forumkit.outbox.models import OutboxDestination, OutboxItem, OutboxStatus
from forumkit.settings import Settings

GONE = 410  # the receiver says the address itself no longer exists


def queue_emitted(ctx: PluginContext[Any], session: Session | None = None) -> int:
    """Write what a plugin context emitted to the outbox, in the context's transaction (or
    `session`'s, when the context's has none to write in): the boundary that owns the unit
    of work calls it just before it commits."""
    queued = (enqueue(session or ctx.session, ctx.forum, ctx.actions, ctx.now)
              if ctx.actions else 0)
    ctx.actions.clear()
    return queued


def enqueue(session: Session, forum: Forum, actions: Sequence[Action], now: datetime) -> int:
    """Queue actions in the caller's transaction, in one statement; a repeated dedupe_key
    (queued before, or earlier in `actions`) is skipped."""
    rows: list[dict[str, Any]] = [{
        "id": uuid.uuid4().hex, "forum_id": forum.id, "channel": action.channel,
        "destination": destination_key(action.channel, action.payload),
        "kind": action.kind, "payload": action.payload, "dedupe_key": action.dedupe_key,
        "status": OutboxStatus.pending.value, "attempts": 0, "next_attempt_at": now,
        "created_at": now,
    } for action in actions]
    return len(insert_missing(session, OutboxItem, rows, returning=OutboxItem.id))


@dataclass(frozen=True)
class DeliveryPolicy:
    """How failures are handled: retries and backoff for a row, the breaker for a destination."""

    max_attempts: int
    backoff_base: float
    backoff_cap: float
    breaker_failures: int
    breaker_pause: float

    @classmethod
    def from_settings(cls, settings: Settings) -> DeliveryPolicy:
        return cls(
            max_attempts=settings.outbox_max_attempts,
            backoff_base=settings.outbox_backoff_base_seconds,
            backoff_cap=settings.outbox_backoff_cap_seconds,
            breaker_failures=settings.outbox_breaker_failures,
            breaker_pause=settings.outbox_breaker_pause_seconds,
        )


@dataclass(frozen=True)
class DueDestination:
    forum_id: int
    destination: str
    oldest: datetime
    probing: bool  # its pause is over but it has not worked since: one delivery at a time


def due_destinations(
    session: Session, now: datetime, *, breaker_failures: int
) -> list[DueDestination]:
    """Destinations with rows due now, oldest first, leaving out paused and disabled ones."""
    state = OutboxDestination
    rows = session.exec(
        select(OutboxItem.forum_id, OutboxItem.destination,
               func.min(OutboxItem.next_attempt_at), func.max(func.coalesce(state.failures, 0)))
        .outerjoin(state, (col(state.forum_id) == OutboxItem.forum_id)
                   & (col(state.key) == OutboxItem.destination))
        .where(OutboxItem.status == OutboxStatus.pending, OutboxItem.next_attempt_at <= now,
               col(state.disabled_at).is_(None),
               col(state.paused_until).is_(None) | (col(state.paused_until) <= now))
        .group_by(col(OutboxItem.forum_id), col(OutboxItem.destination))
        .order_by(func.min(OutboxItem.next_attempt_at))
    )
    return [DueDestination(forum_id, destination, oldest, failures >= breaker_failures)
            for forum_id, destination, oldest, failures in rows]


def claim(
    session: Session, forum_id: int, destination: str, now: datetime, *, token: str,
    limit: int, lease_seconds: float,
) -> list[OutboxItem]:
    """Take up to `limit` due rows of one destination for the worker `token` until the lease
    ends. On PostgreSQL, SKIP LOCKED lets several workers claim disjoint rows at once."""
    rows = list(
        session.exec(
            select(OutboxItem)
            .where(OutboxItem.forum_id == forum_id, OutboxItem.destination == destination,
                   OutboxItem.status == OutboxStatus.pending, OutboxItem.next_attempt_at <= now)
            .order_by(col(OutboxItem.next_attempt_at), col(OutboxItem.created_at))
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    lease_end = now + timedelta(seconds=lease_seconds)
    for row in rows:
        row.attempts += 1
        row.next_attempt_at = lease_end
        row.claimed_by = token
        session.add(row)
    return rows


def _held_by(token: str, ids: Sequence[str]) -> Any:
    return update(OutboxItem).where(
        col(OutboxItem.id).in_(ids), col(OutboxItem.claimed_by) == token,
        col(OutboxItem.status) == OutboxStatus.pending,
    )


def hold(session: Session, item_id: str, token: str, now: datetime, lease_seconds: float) -> bool:
    """Just before a send: True if `token` still holds the row, whose lease then starts
    afresh; False if its lease ran out and another worker took it (or it is done)."""
    result = session.execute(
        _held_by(token, [item_id]).values(next_attempt_at=now + timedelta(seconds=lease_seconds))
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def renew(session: Session, ids: Sequence[str], token: str, lease_end: datetime) -> int:
    """Push the leases of rows in flight forward, so no one takes them while they are sent."""
    if not ids:
        return 0
    result = session.execute(_held_by(token, ids).values(next_attempt_at=lease_end))
    return int(result.rowcount)  # type: ignore[attr-defined]


def release(session: Session, ids: Sequence[str], token: str, now: datetime) -> int:
    """Hand rows back, due at once, their claim not counted as an attempt (a stopping
    worker: what it claimed but did not finish)."""
    if not ids:
        return 0
    result = session.execute(_held_by(token, ids).values(
        next_attempt_at=now, claimed_by=None, attempts=col(OutboxItem.attempts) - 1))
    return int(result.rowcount)  # type: ignore[attr-defined]


def record_result(
    session: Session, item_id: str, result: DeliveryResult, now: datetime, *, token: str,
    policy: DeliveryPolicy,
) -> OutboxItem | None:
    item = session.get(OutboxItem, item_id, with_for_update=True)
    if item is None or item.status != OutboxStatus.pending:
        return item  # delivered by another worker whose lease overlapped ours
    if not result.ok and item.claimed_by != token:
        return item  # another worker holds it now: its outcome is the one that counts
    item.claimed_by = None
    if result.ok:
        item.status = OutboxStatus.delivered
        item.delivered_at = now
        item.last_error = None
        _destination_worked(session, item)
    elif result.status == GONE:
        # The address is gone, not this delivery: keep it, and every other one for the same
        # address, until an admin fixes the target and re-enables it.
        item.attempts = max(0, item.attempts - 1)
        item.next_attempt_at = now
        item.last_error = f"{result.error or 'HTTP 410'}: the destination is disabled"[:500]
        _disable(session, item, result, now)
    elif not result.retry or item.attempts >= policy.max_attempts:
        item.status = OutboxStatus.dead
        item.dead_at = now
        item.last_error = _why_dead(result, item.attempts, policy.max_attempts)
        if result.retry:
            _destination_failed(session, item, result, now, policy)
    else:
        delay = backoff_delay(item.attempts, policy.backoff_base, policy.backoff_cap)
        if result.retry_after is not None:
            delay = max(delay, min(result.retry_after, policy.backoff_cap))
        item.next_attempt_at = now + timedelta(seconds=delay)
        item.last_error = (result.error or "failed")[:500]
        _destination_failed(session, item, result, now, policy)
    session.add(item)
    return item


def _destination(session: Session, item: OutboxItem) -> OutboxDestination:
    insert_once(session, OutboxDestination, {
        "forum_id": item.forum_id, "key": item.destination,
        "label": destination_label(item.channel, item.payload), "failures": 0, "pauses": 0,
    })
    state = session.get(OutboxDestination, (item.forum_id, item.destination),
                        with_for_update=True, populate_existing=True)
    assert state is not None
    return state


def _destination_worked(session: Session, item: OutboxItem) -> None:
    # One statement, and only where there is a count to forget: most destinations never
    # failed and have no row at all.
    session.execute(
        update(OutboxDestination)
        .where(col(OutboxDestination.forum_id) == item.forum_id,
               col(OutboxDestination.key) == item.destination,
               col(OutboxDestination.failures) > 0)
        .values(failures=0, pauses=0, paused_until=None)
    )


def _destination_failed(
    session: Session, item: OutboxItem, result: DeliveryResult, now: datetime,
    policy: DeliveryPolicy,
) -> None:
    state = _destination(session, item)
    state.failures += 1
    state.last_error = (result.error or "failed")[:500]
    paused = state.paused_until is not None and state.paused_until > now
    # Failures of sends already in flight when it was paused do not lengthen the pause;
    # the first trip, and each failed probe after a pause, do (doubling each time).
    if state.failures >= policy.breaker_failures and not paused:
        pause = min(policy.backoff_cap, policy.breaker_pause * (2 ** min(state.pauses, 30)))
        state.paused_until = now + timedelta(seconds=pause)
        state.pauses += 1
    session.add(state)


def _disable(session: Session, item: OutboxItem, result: DeliveryResult, now: datetime) -> None:
    state = _destination(session, item)
    if state.disabled_at is None:
        state.disabled_at = now
    state.disabled_reason = (
        f"the receiver answered {result.error or 'HTTP 410'} (Gone): it says this address "
        "no longer exists")[:300]
    state.last_error = (result.error or "HTTP 410")[:500]
    session.add(state)


def enable_destination(
    session: Session, forum_id: int, key: str
) -> OutboxDestination | None:
    """An admin's go-ahead: the destination is sent to again at once, its count forgotten."""
    state = session.get(OutboxDestination, (forum_id, key), with_for_update=True)
    if state is None:
        return None
    state.disabled_at = None
    state.disabled_reason = None
    state.paused_until = None
    state.failures = 0
    state.pauses = 0
    session.add(state)
    return state


def _why_dead(result: DeliveryResult, attempts: int, max_attempts: int) -> str:
    error = result.error or "failed"
    if result.retry:
        return f"{error}; gave up after {attempts} of {max_attempts} attempts"[:500]
    # Refused by the receiver, or not sendable at all (a bad target): trying again won't help.
    return f"{error}; a permanent failure, not retried"[:500]


def backoff_delay(attempts: int, base: float, cap: float) -> float:
    """Exponential with jitter: half fixed, half random, so retries from many rows spread out."""
    delay = min(cap, base * (2 ** max(0, attempts - 1)))
    return delay / 2 + random.uniform(0, delay / 2)


def retry_dead(session: Session, forum_id: int, item_id: str, now: datetime) -> OutboxItem | None:
    item = session.get(OutboxItem, item_id)
    if item is None or item.forum_id != forum_id:
        return None
    if item.status == OutboxStatus.dead:
        item.status = OutboxStatus.pending
        item.attempts = 0
        item.next_attempt_at = now
        item.dead_at = None
        item.claimed_by = None
        session.add(item)
    return item


def retry_dead_matching(
    session: Session, forum_id: int, now: datetime, *, destination: str | None = None,
    channel: str | None = None, since: datetime | None = None, until: datetime | None = None,
) -> int:
    """Send again, in one statement, every dead delivery of the forum that matches: to one
    destination or channel, gone dead at or after `since` and before `until`."""
    went_dead = func.coalesce(col(OutboxItem.dead_at), col(OutboxItem.created_at))
    query = update(OutboxItem).where(
        col(OutboxItem.forum_id) == forum_id, col(OutboxItem.status) == OutboxStatus.dead
    )
    if destination is not None:
        query = query.where(col(OutboxItem.destination) == destination)
    if channel is not None:
        query = query.where(col(OutboxItem.channel) == channel)
    if since is not None:
        query = query.where(went_dead >= since)
    if until is not None:
        query = query.where(went_dead < until)
    result = session.execute(query.values(
        status=OutboxStatus.pending.value, attempts=0, next_attempt_at=now, dead_at=None,
        claimed_by=None,
    ))
    return int(result.rowcount)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class DestinationView:
    key: str
    label: str
    channel: str
    pending: int
    dead: int
    failures: int
    paused_until: datetime | None
    disabled_at: datetime | None
    disabled_reason: str | None
    last_error: str | None

    def state(self, now: datetime) -> str:
        if self.disabled_at is not None:
            return "disabled"
        if self.paused_until is not None and self.paused_until > now:
            return "paused"
        return "active"


def destinations(session: Session, forum_id: int) -> list[DestinationView]:
    """The forum's destinations that have deliveries waiting or dead, or a breaker state."""
    counts: dict[str, dict[str, int]] = {}
    for key, status, count in session.exec(
        select(OutboxItem.destination, OutboxItem.status, func.count())
        .where(OutboxItem.forum_id == forum_id,
               col(OutboxItem.status).in_([OutboxStatus.pending, OutboxStatus.dead]))
        .group_by(col(OutboxItem.destination), col(OutboxItem.status))
    ):
        counts.setdefault(key, {})[status] = count
    states = {s.key: s for s in session.exec(
        select(OutboxDestination).where(OutboxDestination.forum_id == forum_id))}
    views = []
    for key in sorted(set(counts) | set(states)):
        state = states.get(key)
        label = state.label if state else _label_of(session, forum_id, key)
        views.append(DestinationView(
            key=key, label=label, channel=key.rsplit("-", 1)[0],
            pending=counts.get(key, {}).get(OutboxStatus.pending, 0),
            dead=counts.get(key, {}).get(OutboxStatus.dead, 0),
            failures=state.failures if state else 0,
            paused_until=state.paused_until if state else None,
            disabled_at=state.disabled_at if state else None,
            disabled_reason=state.disabled_reason if state else None,
            last_error=state.last_error if state else None,
        ))
    return views


def _label_of(session: Session, forum_id: int, key: str) -> str:
    row = session.exec(
        select(OutboxItem.channel, OutboxItem.payload)
        .where(OutboxItem.forum_id == forum_id, OutboxItem.destination == key).limit(1)
    ).first()
    return destination_label(row[0], dict(row[1])) if row else key


def list_items(
    session: Session, forum_id: int, status: str | None, limit: int
) -> list[OutboxItem]:
    query = select(OutboxItem).where(OutboxItem.forum_id == forum_id)
    if status:
        query = query.where(OutboxItem.status == status)
    return list(session.exec(query.order_by(col(OutboxItem.created_at).desc()).limit(limit)))


def delivered_keys(session: Session, forum_id: int, keys: Sequence[str]) -> set[str]:
    """Which of these dedupe keys name an action the forum's destination has taken."""
    if not keys:
        return set()
    found = session.exec(select(OutboxItem.dedupe_key).where(
        OutboxItem.forum_id == forum_id, col(OutboxItem.dedupe_key).in_(list(keys)),
        OutboxItem.status == OutboxStatus.delivered))
    return {key for key in found if key is not None}


def depth(session: Session) -> dict[str, int]:
    """Rows per status, for /metrics."""
    counts = session.exec(
        select(OutboxItem.status, func.count()).group_by(col(OutboxItem.status))
    )
    return {status: count for status, count in counts}
