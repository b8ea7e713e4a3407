"""Two workers never send one delivery at once: the lease is renewed while a send is in
flight, and checked again just before each send."""

from __future__ import annotations

import time

import pytest

from forumkit.clock import Clock, SystemClock
from forumkit.outbox.worker import deliver_due
from forumkit.services import Services
from tests.outbox.slow_receivers import SECRET, SlowReceiver, in_background, slow_receiver
from tests.support.alerts import outbox, queue_alert
from tests.support.world import World


@pytest.fixture
def clock() -> Clock:
    # Leases run out in real time here: two workers race as they would in production.
    return SystemClock()


def test_two_workers_never_send_a_delivery_twice_while_it_is_in_flight(
    world: World, services: Services
) -> None:
    settings = world.services.settings
    settings.outbox_lease_seconds = 1  # shorter than the receiver takes to answer
    settings.http_timeout_seconds = 4.0
    with slow_receiver(SlowReceiver(hold=2.0)) as receiver:
        for _ in range(3):
            queue_alert(world, "webhook", {"url": receiver.url, "secret": SECRET})
        first = in_background(lambda: deliver_due(services))
        receiver.wait_for(3)

        def second_worker() -> None:
            # A second process: its own services, polling while the first one waits.
            other = Services.build(settings, registry=services.registry, clock=SystemClock())
            try:
                while first.is_alive():
                    deliver_due(other)
                    time.sleep(0.1)
            finally:
                other.close()

        second = in_background(second_worker)
        first.join(timeout=5)
        second.join(timeout=5)
    assert receiver.sent_twice_while_open() == set()
    assert sorted(receiver.ids()) == sorted({i["id"] for i in outbox(world)})
    assert {i["status"] for i in outbox(world)} == {"delivered"}
