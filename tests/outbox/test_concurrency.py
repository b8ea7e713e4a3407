"""Slow receivers hold back nobody else: each request ends by its deadline, and deliveries to
other destinations go out meanwhile."""

from __future__ import annotations

import time
from datetime import timedelta

from forumkit.outbox.worker import deliver_due
from tests.outbox.slow_receivers import SECRET, SlowReceiver, in_background, slow_receiver
from tests.support.alerts import outbox, queue_alert
from tests.support.world import World


def _to(receiver: SlowReceiver) -> dict[str, str]:
    return {"url": receiver.url + "/alerts", "secret": SECRET}


def test_a_dripping_receiver_is_cut_off_at_the_total_deadline(world: World) -> None:
    world.services.settings.http_timeout_seconds = 1.0
    # A byte every 0.3 s: no single read waits long enough to time out.
    with slow_receiver(SlowReceiver(drip=0.3)) as receiver:
        queue_alert(world, "webhook", _to(receiver))
        started = time.monotonic()
        worker = in_background(lambda: deliver_due(world.services))
        worker.join(timeout=8)
        took = time.monotonic() - started
        # The whole answer would take minutes to drip: only the deadline ends it this soon.
        assert not worker.is_alive(), "the delivery was still reading the answer after 8 s"
    assert took >= 1.0, "not before the deadline either"
    [item] = outbox(world)
    assert item["status"] == "pending", "a timeout is retried later"
    assert item["last_error"] == "ReadTimeout: no complete answer within the deadline"


def test_another_forums_alert_is_not_held_back_by_a_slow_receiver(world: World, clock) -> None:
    world.services.settings.http_timeout_seconds = 1.0
    with slow_receiver(SlowReceiver(drip=0.3)) as slow, slow_receiver(SlowReceiver()) as fast:
        for _ in range(4):
            queue_alert(world, "webhook", _to(slow))  # queued first: the oldest
        clock.advance(timedelta(seconds=1))
        queue_alert(world, "webhook", _to(fast), forum="other")
        worker = in_background(lambda: deliver_due(world.services))
        [arrived] = fast.wait_for(1, timeout=4)
        worker.join(timeout=4)
    # Not behind the slow ones: it arrived before the first of them could end (its deadline).
    first_slow = min(a.at for a in slow.arrivals)
    assert arrived.at < first_slow + world.services.settings.http_timeout_seconds
    assert [i["status"] for i in outbox(world, forum="other")] == ["delivered"]
    assert len(slow.arrivals) == 4, "the slow receiver's alerts were sent side by side"
