"""Queueing actions, and the state changes of a delivery: claim, succeed, fail, die."""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from forumkit.actions import Action
from forumkit.adapter import DeliveryResult
from forumkit.context import PluginContext
from forumkit.db import insert_once
from forumkit.forums.models import Forum
from forumkit.outbox.models import OutboxItem, OutboxStatus


def queue_emitted(ctx: PluginContext[Any]) -> int:
    """Write what a plugin context emitted to the outbox, in the context's transaction: the
    boundary that owns the unit of work calls it just before it commits."""
    queued = enqueue(ctx.session, ctx.forum, ctx.actions, ctx.now) if ctx.actions else 0
    ctx.actions.clear()
    return queued


def enqueue(session: Session, forum: Forum, actions: Sequence[Action], now: datetime) -> int:
    """Queue actions in the caller's transaction; a repeated dedupe_key is skipped."""
    queued = 0
    for action in actions:
        values: dict[str, Any] = {
            "id": uuid.uuid4().hex, "forum_id": forum.id, "channel": action.channel,
            "kind": action.kind, "payload": action.payload, "dedupe_key": action.dedupe_key,
            "status": OutboxStatus.pending.value, "attempts": 0, "next_attempt_at": now,
            "created_at": now,
        }
        if action.dedupe_key is None:
            session.add(OutboxItem(**values))
            queued += 1
        elif insert_once(session, OutboxItem, values):
            queued += 1
    return queued


def claim_due(
    session: Session, now: datetime, *, limit: int, lease_seconds: float
) -> list[OutboxItem]:
    """Take up to `limit` due rows for this worker until the lease ends.

    On PostgreSQL, SKIP LOCKED lets several workers claim disjoint rows at once; SQLite
    serialises writers, so the same query is safe there too.
    """
    rows = list(
        session.exec(
            select(OutboxItem)
            .where(OutboxItem.status == OutboxStatus.pending, OutboxItem.next_attempt_at <= now)
            .order_by(col(OutboxItem.next_attempt_at))
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    lease_end = now + timedelta(seconds=lease_seconds)
    for row in rows:
        row.attempts += 1
        row.next_attempt_at = lease_end
        session.add(row)
    return rows


def record_result(
    session: Session,
    item_id: str,
    result: DeliveryResult,
    now: datetime,
    *,
    max_attempts: int,
    backoff_base: float,
    backoff_cap: float,
) -> OutboxItem | None:
    item = session.get(OutboxItem, item_id, with_for_update=True)
    if item is None or item.status != OutboxStatus.pending:
        return item  # delivered by another worker whose lease overlapped ours
    if result.ok:
        item.status = OutboxStatus.delivered
        item.delivered_at = now
        item.last_error = None
    elif not result.retry or item.attempts >= max_attempts:
        item.status = OutboxStatus.dead
        item.last_error = _why_dead(result, item.attempts, max_attempts)
    else:
        delay = backoff_delay(item.attempts, backoff_base, backoff_cap)
        if result.retry_after is not None:
            delay = max(delay, min(result.retry_after, backoff_cap))
        item.next_attempt_at = now + timedelta(seconds=delay)
        item.last_error = (result.error or "failed")[:500]
    session.add(item)
    return item


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
        session.add(item)
    return item


def list_items(
    session: Session, forum_id: int, status: str | None, limit: int
) -> list[OutboxItem]:
    query = select(OutboxItem).where(OutboxItem.forum_id == forum_id)
    if status:
        query = query.where(OutboxItem.status == status)
    return list(session.exec(query.order_by(col(OutboxItem.created_at).desc()).limit(limit)))


def depth(session: Session) -> dict[str, int]:
    """Rows per status, for /metrics."""
    counts = session.exec(
        select(OutboxItem.status, func.count()).group_by(col(OutboxItem.status))
    )
    return {status: count for status, count in counts}
