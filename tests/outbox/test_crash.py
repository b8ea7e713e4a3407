"""A worker killed in the middle of a delivery loses nothing: after a restart every action
arrives, and those that were in flight arrive again under the same ids."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
from sqlmodel import select

from forumkit.db import session_scope
from forumkit.outbox.models import OutboxItem
from tests.support.processes import forumkit_env, start_forumkit
from tests.support.receiver import Receiver, running
from tests.support.world import World, post_created

pytestmark = [pytest.mark.slow, pytest.mark.forks]


def _statuses(world: World) -> dict[str, str]:
    with session_scope(world.services.engine) as session:
        return {row.id: row.status for row in session.exec(select(OutboxItem))}


def _wait(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.1)


def test_killed_worker_mid_delivery_then_restart_delivers_everything(
    world: World, db: str, tmp_path: Path
) -> None:
    with running(Receiver(delay_first=60)) as receiver:
        world.client.patch("/v1/forums/calm", json={"adapter_settings": {
            "callback_url": receiver.url}}, headers=world.auth("calm:admin"))
        world.send([post_created(f"e{i}", f"p{i}", thread=f"t{i}") for i in range(5)])
        expected = set(_statuses(world))
        assert len(expected) == 5

        env = forumkit_env(db, FORUMKIT_OUTBOX_LEASE_SECONDS="1",
                           FORUMKIT_OUTBOX_POLL_SECONDS="0.2")
        first = start_forumkit(["worker"], env, tmp_path / "worker1.log")
        try:
            receiver.wait_for(1)  # the first delivery is now held open by the receiver
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
        finally:
            if first.poll() is None:
                first.kill()
        held_open = receiver.received[0].json()["id"]
        statuses = _statuses(world)
        assert statuses[held_open] == "pending", "the one held open is not recorded as sent"
        # Several go out at once: whatever reached the receiver but was not recorded when
        # the worker died was in flight.
        in_flight = {r.json()["id"] for r in receiver.received
                     if statuses[r.json()["id"]] == "pending"}

        second = start_forumkit(["worker"], env, tmp_path / "worker2.log")
        try:
            _wait(lambda: set(_statuses(world).values()) == {"delivered"})
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(timeout=15)
        assert second.returncode == 0, (tmp_path / "worker2.log").read_text()

    ids = [r.json()["id"] for r in receiver.received]
    assert set(ids) == expected, "every action arrived"
    repeats = {i for i in ids if ids.count(i) > 1}
    assert repeats <= in_flight, "only deliveries in flight came twice, under their own ids"
