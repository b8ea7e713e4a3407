"""The outbox worker: claim due rows fairly, deliver several at once, record how each went.

- **In flight at once.** A pool of FORUMKIT_OUTBOX_CONCURRENCY threads sends deliveries, at
  most FORUMKIT_OUTBOX_PER_DESTINATION to one alert target, and one at a time, in order, to
  a forum's platform (whose actions can depend on their order), so a slow receiver holds a
  few threads and never the whole worker.
- **Fair.** Each pass claims one batch per destination (no more than it has room for) in
  turn across forums, starting with a different forum each pass, so one forum's backlog does
  not hold back another forum's alerts.
- **Never twice at once.** A claim carries this worker's token and a lease. Just before each
  send the worker checks it still holds the row and starts the lease afresh (`hold`), and
  while it sends, a heartbeat keeps pushing the lease forward; a row whose lease ran out
  (a worker frozen for longer than the lease) is skipped, not sent.
- **Bounded in time.** Every outbound HTTP request has a total deadline
  (FORUMKIT_HTTP_TIMEOUT_SECONDS, forumkit.outbound), however slowly the receiver answers.
- **Paused, not hammered.** A destination that fails FORUMKIT_OUTBOX_BREAKER_FAILURES times
  in a row is paused, then probed one delivery at a time; a 410 Gone disables it, keeping
  its deliveries, until an admin re-enables it (forumkit.outbox.service).
- **Stops promptly.** `stop()` cuts requests in flight short (the abort event of their
  deadline) and hands back every row it holds, due at once, for the next worker.

A delivery the outbound address policy refuses goes dead at once with REFUSED as its error
(nothing about the target): the target will not become public by waiting, and a name that
resolved to a private address is worth an admin's look before anything is sent again.

A crash at any point loses nothing: a claimed row comes due again when its lease ends and is
delivered again under the same id, which the receiver uses to drop the repeat.
"""

from __future__ import annotations

import logging
import math
import threading
import uuid
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from dataclasses import dataclass
from datetime import timedelta

import httpx

from forumkit.adapter import Adapter, Delivery, DeliveryResult, ForumLink
from forumkit.db import session_scope
from forumkit.forums.models import Forum
from forumkit.messages import texts_for
from forumkit.messages.texts import Texts
from forumkit.outbound import REFUSED, DeadlineExceeded, Refused, deadline
from forumkit.outbox import service
from forumkit.outbox.destinations import ADAPTER
from forumkit.registry import RegistryError
from forumkit.services import Services

log = logging.getLogger(__name__)

Key = tuple[int, str]  # (forum id, destination)


@dataclass(frozen=True)
class Claim:
    key: Key
    channel: str
    forum: Forum
    delivery: Delivery


class Dispatcher:
    """One process's deliveries: claims, the sending threads, the lease heartbeat.

    `refill=True` (the scheduler's) claims more as soon as a delivery ends; `drain()` (a
    one-off pass, `deliver_due`) claims only what it is asked for.
    """

    def __init__(self, app: Services, *, refill: bool = True) -> None:
        settings = app.settings
        self.app = app
        self.refill = refill
        self.token = uuid.uuid4().hex
        self.threads = settings.outbox_concurrency
        self.per_destination = settings.outbox_per_destination
        self.lease = float(settings.outbox_lease_seconds)
        self.policy = service.DeliveryPolicy.from_settings(settings)
        self.pool = ThreadPoolExecutor(self.threads, thread_name_prefix="outbox")
        self.stopping = threading.Event()  # also the abort event of requests in flight
        self._changed = threading.Condition()
        self._in_flight: dict[str, Key] = {}
        self._futures: set[Future[None]] = set()
        self._filling = threading.Lock()
        self._again = False
        self._turn = 0
        self._finished = 0  # deliveries ended so far: a pass that saw none end saw them all
        self._closed = threading.Event()
        self._heartbeat: threading.Thread | None = None

    # Claiming

    def fill(self, limit: int | None = None) -> int:
        """Claim what there is room for, fairly, and start sending it; returns how many."""
        if self.stopping.is_set():
            return 0
        if not self._filling.acquire(blocking=False):
            self._again = True  # the pass under way looks again when it is done
            return 0
        claimed = 0
        try:
            while not self.stopping.is_set():
                self._again = False
                claimed += self._fill_once(None if limit is None else limit - claimed)
                if not self._again or (limit is not None and claimed >= limit):
                    break
        finally:
            self._filling.release()
        return claimed

    def _fill_once(self, limit: int | None) -> int:
        with self._changed:
            busy = Counter(self._in_flight.values())
            room = self.threads - len(self._in_flight)
        if limit is not None:
            room = min(room, limit)
        if room <= 0:
            return 0
        claims: list[Claim] = []
        with session_scope(self.app.jobs) as session:
            now = self.app.clock.now()
            due = service.due_destinations(
                session, now, breaker_failures=self.policy.breaker_failures)
            forums: dict[int, Forum | None] = {}
            texts: dict[int, Texts] = {}  # each forum's wording of what channels add
            for dest in self._fair_order(due):
                key = (dest.forum_id, dest.destination)
                # A platform's actions can depend on their order (close a thread's replies,
                # then open them again): they go one at a time, in order. Alerts do not.
                one_at_a_time = dest.probing or dest.destination == ADAPTER
                cap = 1 if one_at_a_time else self.per_destination
                take = min(cap - busy[key], room - len(claims))
                if take <= 0:
                    continue
                rows = service.claim(
                    session, dest.forum_id, dest.destination, now, token=self.token,
                    limit=take, lease_seconds=self.lease,
                )
                if dest.forum_id not in forums:
                    forums[dest.forum_id] = session.get(Forum, dest.forum_id)
                forum = forums[dest.forum_id]
                assert forum is not None  # rows go with their forum (ON DELETE CASCADE)
                if dest.forum_id not in texts:
                    texts[dest.forum_id] = texts_for(session, forum)
                claims.extend(
                    Claim(key, row.channel, forum, Delivery(
                        id=row.id, forum_slug=forum.slug, kind=row.kind,
                        payload=dict(row.payload), attempt=row.attempts,
                        created_at=row.created_at, texts=texts[dest.forum_id],
                    ))
                    for row in rows
                )
                if len(claims) >= room:
                    break
            with self._changed:
                self._in_flight.update((c.delivery.id, c.key) for c in claims)
        self._turn += 1
        if claims:
            self._start_heartbeat()
        for claim in claims:
            future = self.pool.submit(self._send, claim)
            with self._changed:
                self._futures.add(future)
            future.add_done_callback(self._forget_future)
        return len(claims)

    def _fair_order(self, due: list[service.DueDestination]) -> list[service.DueDestination]:
        """Round-robin: the first destination of each forum, then the second of each, ...;
        the forum that goes first moves on by one every pass."""
        by_forum: dict[int, list[service.DueDestination]] = {}
        for dest in due:  # oldest first within a forum
            by_forum.setdefault(dest.forum_id, []).append(dest)
        forums = sorted(by_forum)
        if forums:
            start = self._turn % len(forums)
            forums = forums[start:] + forums[:start]
        ordered: list[service.DueDestination] = []
        for depth in range(max((len(v) for v in by_forum.values()), default=0)):
            ordered.extend(by_forum[f][depth] for f in forums if depth < len(by_forum[f]))
        return ordered

    # Sending

    def _send(self, claim: Claim) -> None:
        item_id = claim.delivery.id
        try:
            if self.stopping.is_set():
                return  # stop() hands it back
            with session_scope(self.app.jobs) as session:
                held = service.hold(session, item_id, self.token, self.app.clock.now(),
                                    self.lease)
            if not held:
                log.warning("delivery skipped: its lease ran out and another worker has it",
                            extra={"delivery": item_id, "forum": claim.forum.slug})
                return
            with deadline(math.inf, abort=self.stopping):
                result = _deliver(self.app, claim.forum, claim.channel, claim.delivery)
            if self.stopping.is_set() and not result.ok:
                return  # cut short by stop(), which hands it back
            self._record(claim, result)
        except Exception:
            log.exception("delivery failed to record", extra={"delivery": item_id})
        finally:
            with self._changed:
                if not self.stopping.is_set():
                    self._in_flight.pop(item_id, None)
                self._finished += 1
                self._changed.notify_all()
        if self.refill and not self.stopping.is_set():
            self.fill()

    def _record(self, claim: Claim, result: DeliveryResult) -> None:
        self.app.metrics.deliveries.labels("ok" if result.ok else "failed").inc()
        with session_scope(self.app.jobs) as session:
            item = service.record_result(
                session, claim.delivery.id, result, self.app.clock.now(), token=self.token,
                policy=self.policy,
            )
            status = item.status if item else "gone"
        log.info(
            "delivery",
            extra={"forum": claim.forum.slug, "delivery": claim.delivery.id,
                   "kind": claim.delivery.kind, "channel": claim.channel,
                   "attempt": claim.delivery.attempt, "status": status, "error": result.error},
        )

    def _forget_future(self, future: Future[None]) -> None:
        with self._changed:
            self._futures.discard(future)
            self._changed.notify_all()

    # Leases

    def _start_heartbeat(self) -> None:
        if self._heartbeat is None:
            self._heartbeat = threading.Thread(
                target=self._beat, name="outbox-lease", daemon=True)
            self._heartbeat.start()

    def _beat(self) -> None:
        interval = max(0.1, self.lease / 3)
        while not self._closed.wait(interval):
            with self._changed:
                ids = list(self._in_flight)
            if not ids or self.stopping.is_set():
                continue
            try:
                with session_scope(self.app.jobs) as session:
                    now = self.app.clock.now()
                    service.renew(session, ids, self.token, now + timedelta(seconds=self.lease))
            except Exception:
                log.exception("outbox lease renewal failed")

    # One-off passes and stopping

    def drain(self, limit: int) -> int:
        """Claim and deliver up to `limit` rows that are due, several at once; return when
        every one of them is done. Returns how many deliveries were attempted."""
        total = 0
        while total < limit and not self.stopping.is_set():
            with self._changed:
                ended_before = self._finished
            claimed = self.fill(limit - total)
            total += claimed
            with self._changed:
                # Nothing claimed and nothing in flight means nothing is due, unless a
                # delivery ended while the pass looked: it may have left its destination's
                # next rows waiting for the room it had. Then look again.
                if not claimed and not self._in_flight and self._finished == ended_before:
                    break
                if not claimed and self._in_flight:
                    self._changed.wait(timeout=1.0)  # until a delivery ends and frees room
        with self._changed:
            self._changed.wait_for(lambda: not self._futures, timeout=None)
        return total

    def stop(self, grace: float) -> int:
        """Cut short what is in flight, wait up to `grace` seconds for sends that cannot be
        cut (e-mail), then hand every row still held back, due at once. Returns how many."""
        self.stopping.set()
        self.pool.shutdown(wait=False, cancel_futures=True)
        with self._changed:
            futures = set(self._futures)
        wait_for(futures, timeout=grace)
        with self._changed:
            held = list(self._in_flight)
            self._in_flight.clear()
        released = 0
        if held:
            with session_scope(self.app.jobs) as session:
                released = service.release(session, held, self.token, self.app.clock.now())
        self._closed.set()
        log.info("outbox worker stopped", extra={"handed_back": released})
        return released

    def close(self) -> None:
        self._closed.set()
        self.pool.shutdown(wait=True)


def deliver_due(app: Services) -> int:
    """One pass: deliver what is due now (up to FORUMKIT_OUTBOX_BATCH_SIZE), several at once.
    Returns how many deliveries were attempted."""
    dispatcher = Dispatcher(app, refill=False)
    try:
        return dispatcher.drain(app.settings.outbox_batch_size)
    finally:
        dispatcher.close()


def _deliver(app: Services, forum: Forum, channel: str, delivery: Delivery) -> DeliveryResult:
    try:
        if channel != "adapter":
            return app.registry.channel(channel).send(forum, delivery, app.http_client())
        return adapter_for(app, forum).perform(delivery)
    except RegistryError as exc:
        return DeliveryResult(ok=False, retry=False, error=str(exc))
    except Refused:
        return DeliveryResult(ok=False, retry=False, error=REFUSED)
    except Exception as exc:  # a broken receiver must not stop the other deliveries
        log.warning("delivery raised", extra={"delivery": delivery.id, "error": repr(exc)})
        return DeliveryResult(ok=False, retry=True, error=_describe(exc))


def _describe(exc: Exception) -> str:
    # The type alone (messages can name the target), but a deadline says it was one.
    if isinstance(exc, httpx.TimeoutException) and str(exc) == DeadlineExceeded().args[0]:
        return f"{type(exc).__name__}: {exc}"
    return type(exc).__name__


def adapter_for(app: Services, forum: Forum) -> Adapter:
    cls = app.registry.adapter(forum.adapter)
    link = ForumLink(
        slug=forum.slug, webhook_secret=forum.webhook_secret,
        settings=cls.settings_model.model_validate(forum.adapter_settings),
        previous_webhook_secret=forum.previous_webhook_secret,
        previous_webhook_secret_until=forum.previous_webhook_secret_until,
    )
    return cls(link, app.http_client())
