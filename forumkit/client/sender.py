"""The sender: takes queued events to ForumKit in batches, in order, and never loses one.

Call `send_pending` from a Celery task, a cron job or a loop (`run`), or use the command
`python -m forumkit.client send`. Each batch is claimed for a while (a lease), so several
senders may run at once; an event waits while an earlier event of its thread is unsent.
ForumKit unreachable, 5xx, 408 and 429 are retried with exponential backoff (at least what
Retry-After asks); the events stay queued whatever happens, until ForumKit has them. An
event ForumKit refuses is set aside (status `rejected`, with the errors) and the rest go on.

Logs carry counts and the queue's own row ids, never event bodies or ids.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.engine import Connection, Engine

from forumkit.client.queue import PENDING, REJECTED, queue_table
from forumkit.client.transport import (
    MAX_BATCH,
    MAX_BODY_BYTES,
    BatchResult,
    Client,
    Refused,
    Unavailable,
)

log = logging.getLogger("forumkit.client")
BODY_ROOM = 1024  # of MAX_BODY_BYTES, for the batch's own brackets


@dataclass(frozen=True)
class Backoff:
    """Waits between tries: first, first*factor, ... at most `most` seconds; `tries` in one
    call of send_pending before it gives up until the next call."""

    first: float = 1.0
    factor: float = 2.0
    most: float = 300.0
    tries: int = 5

    def delay(self, failures: int, retry_after: float | None = None) -> float:
        wait = min(self.most, self.first * self.factor ** max(0, failures - 1))
        return max(wait, retry_after or 0.0)


@dataclass
class SendReport:
    """What one call of send_pending did, and what is left."""

    batches: int = 0
    applied: int = 0
    duplicates: int = 0
    rejected: int = 0  # set aside this time
    failures: int = 0  # tries that found ForumKit unreachable or busy
    pending: int = 0  # events still queued afterwards
    stopped: str | None = None  # why it stopped with events left, if it did
    retry_after: float | None = None  # when ForumKit asked to be tried again, in seconds

    @property
    def sent(self) -> int:
        return self.applied + self.duplicates

    def as_dict(self) -> dict[str, Any]:
        return {"batches": self.batches, "sent": self.sent, "applied": self.applied,
                "duplicates": self.duplicates, "rejected": self.rejected,
                "failures": self.failures, "pending": self.pending, "stopped": self.stopped}


@dataclass(frozen=True)
class _Item:
    id: int
    thread_id: str | None
    body: str
    claimed_until: float | None


@dataclass
class _Claimed:
    token: str
    rows: list[_Item] = field(default_factory=list)

    @property
    def ids(self) -> list[int]:
        return [row.id for row in self.rows]


class Sender:
    """Sends the queue in `engine` (the forum's database) through `client`."""

    def __init__(
        self, engine: Engine, client: Client, *, batch_size: int = 100,
        max_body_bytes: int = MAX_BODY_BYTES, backoff: Backoff | None = None,
        lease_seconds: float = 120.0, sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not 1 <= batch_size <= MAX_BATCH:
            raise ValueError(f"batch_size: from 1 to {MAX_BATCH}, ForumKit's cap")
        self.engine = engine
        self.client = client
        self.batch_size = batch_size
        self.max_body_bytes = max_body_bytes - BODY_ROOM
        self.backoff = backoff or Backoff()
        self.lease_seconds = lease_seconds
        self.sleep = sleep

    def send_pending(self, *, max_batches: int | None = None) -> SendReport:
        """Send batches until nothing is left to send (or `max_batches`), ForumKit stays
        unreachable for `backoff.tries` tries, or refuses the forum's credentials."""
        report = SendReport()
        limit, failures = self.batch_size, 0
        while max_batches is None or report.batches < max_batches:
            claimed = self._claim(limit)
            if not claimed.rows:
                break
            try:
                result = self.client.send_events([_decoded(r.body) for r in claimed.rows])
            except Unavailable as exc:
                self._release(claimed)
                failures += 1
                report.failures += 1
                report.retry_after = exc.retry_after
                wait = self.backoff.delay(failures, exc.retry_after)
                if failures >= self.backoff.tries or wait > self.backoff.most:
                    # Give up until the next call rather than hold a worker for longer.
                    report.stopped = f"unavailable: {exc}"
                    break
                log.warning("ForumKit unavailable (%s); trying again in %.1f s", exc, wait)
                self.sleep(wait)
                continue
            except Refused as exc:
                if exc.batch_too_large and len(claimed.rows) > 1:
                    self._release(claimed)
                    limit = max(1, len(claimed.rows) // 2)
                    continue
                if exc.batch_too_large:
                    self._set_aside(claimed, {0: [{"msg": str(exc)}]})
                    report.rejected += 1
                    report.batches += 1
                    continue
                self._release(claimed)
                report.stopped = f"refused: {exc}"
                log.error("ForumKit refused the sender: %s", exc)
                break
            except BaseException:
                self._release(claimed)
                raise
            failures = 0
            report.retry_after = None
            self._done(claimed, result)
            report.batches += 1
            report.applied += result.applied
            report.duplicates += result.duplicates
            report.rejected += len(result.rejected)
        report.pending = self.pending()
        return report

    def run(self, *, interval: float = 5.0, stop: threading.Event | None = None) -> None:
        """Send, then wait `interval` seconds (or what ForumKit asked), until `stop` is set."""
        stop = stop or threading.Event()
        while not stop.is_set():
            report = self.send_pending()
            if report.batches or report.stopped:
                log.info("sender: %s", json.dumps(report.as_dict()))
            wait = interval
            if report.stopped and report.stopped.startswith("refused"):
                wait = self.backoff.most
            elif report.stopped:
                wait = self.backoff.delay(self.backoff.tries, report.retry_after)
            stop.wait(wait)

    def pending(self) -> int:
        with self.engine.connect() as conn:
            count = conn.execute(select(func.count()).select_from(queue_table)
                                 .where(queue_table.c.status == PENDING)).scalar_one()
        return int(count)

    # The queue's rows: claimed, then deleted, set aside or released.

    def _claim(self, limit: int) -> _Claimed:
        claimed = _Claimed(token=uuid.uuid4().hex)
        now = time.time()
        q = queue_table.c
        with self.engine.begin() as conn:
            rows = [_Item(*row) for row in conn.execute(
                select(q.id, q.thread_id, q.body, q.claimed_until)
                .where(q.status == PENDING).order_by(q.id).limit(limit * 2 + 50))]
            picked = _pick(rows, now, limit, self.max_body_bytes)
            if not picked:
                return claimed
            conn.execute(
                update(queue_table)
                .where(q.id.in_([r.id for r in picked]), q.status == PENDING,
                       or_(q.claimed_until.is_(None), q.claimed_until <= now))
                .values(claim=claimed.token, claimed_until=now + self.lease_seconds,
                        attempts=q.attempts + 1))
            mine = {r.id for r in conn.execute(select(q.id).where(q.claim == claimed.token))}
            claimed.rows = _in_thread_order(picked, mine)
            extra = mine - set(claimed.ids)  # won rows behind a row another sender won
            if extra:
                _release_ids(conn, list(extra))
        return claimed

    def _release(self, claimed: _Claimed) -> None:
        with self.engine.begin() as conn:
            _release_ids(conn, claimed.ids, claimed.token)

    def _done(self, claimed: _Claimed, result: BatchResult) -> None:
        errors = {r.index: r.errors for r in result.rejected if 0 <= r.index < len(claimed.rows)}
        taken = [row.id for i, row in enumerate(claimed.rows) if i not in errors]
        with self.engine.begin() as conn:
            _set_aside(conn, claimed, errors)
            conn.execute(delete(queue_table).where(queue_table.c.id.in_(taken),
                                                   queue_table.c.claim == claimed.token))
        log.info("sent %d events: %d applied, %d duplicates, %d set aside",
                 len(claimed.rows), result.applied, result.duplicates, len(errors))

    def _set_aside(self, claimed: _Claimed, errors: dict[int, list[dict[str, Any]]]) -> None:
        with self.engine.begin() as conn:
            _set_aside(conn, claimed, errors)


def send_pending(engine: Engine, client: Client, **options: Any) -> SendReport:
    """Send what is queued in `engine` through `client` (options as for `Sender`)."""
    return Sender(engine, client, **options).send_pending()


def _pick(rows: Sequence[_Item], now: float, limit: int, max_bytes: int) -> list[_Item]:
    """The rows to send next, in order: a row waits while an earlier row of its thread is
    held by another sender; a batch holds at most `limit` rows and `max_bytes` of JSON."""
    held_threads: set[str] = set()
    picked: list[_Item] = []
    size = 0
    for row in rows:
        held = row.claimed_until is not None and row.claimed_until > now
        if held or row.thread_id in held_threads:
            if row.thread_id is not None:
                held_threads.add(row.thread_id)
            continue
        size += len(row.body.encode()) + 1
        if picked and size > max_bytes:
            break
        picked.append(row)
        if len(picked) == limit:
            break
    return picked


def _in_thread_order(picked: Sequence[_Item], mine: set[int]) -> list[_Item]:
    """The claimed rows to send: a row behind one of its thread that another sender took
    in the meantime is left for later."""
    lost: set[str | None] = set()
    kept: list[_Item] = []
    for row in picked:
        if row.id not in mine or (row.thread_id is not None and row.thread_id in lost):
            lost.add(row.thread_id)
            continue
        kept.append(row)
    return kept


def _set_aside(conn: Connection, claimed: _Claimed,
               errors: dict[int, list[dict[str, Any]]]) -> None:
    for index, problems in errors.items():
        row_id = claimed.rows[index].id
        conn.execute(
            update(queue_table)
            .where(queue_table.c.id == row_id, queue_table.c.claim == claimed.token)
            .values(status=REJECTED, error=json.dumps(problems), claim=None,
                    claimed_until=None))
        log.warning("queue row %d refused by ForumKit, set aside", row_id)


def _decoded(body: str) -> Any:
    # A body that is not JSON (edited by hand, say) goes as the text it is: ForumKit lists it
    # among the rejected, and it is set aside like any event ForumKit refuses.
    try:
        return json.loads(body)
    except ValueError:
        return body


def _release_ids(conn: Connection, ids: list[int], token: str | None = None) -> None:
    if not ids:
        return
    statement = (update(queue_table).where(queue_table.c.id.in_(ids))
                 .values(claim=None, claimed_until=None))
    if token is not None:
        statement = statement.where(queue_table.c.claim == token)
    conn.execute(statement)
