"""`forumkit worker` stops within seconds of SIGTERM while receivers hang, and hands back
what it had claimed: the next worker delivers it at once."""

from __future__ import annotations

import signal
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from forumkit.outbox.worker import deliver_due
from forumkit.services import Services
from tests.outbox.slow_receivers import SECRET, SlowReceiver, slow_receiver
from tests.support.alerts import outbox, queue_alert
from tests.support.processes import forumkit_env, start_forumkit
from tests.support.world import World

pytestmark = [pytest.mark.slow, pytest.mark.forks]


def test_sigterm_stops_the_worker_and_the_next_one_picks_up_its_claims(
    world: World, db: str, tmp_path: Path
) -> None:
    log = tmp_path / "worker.log"
    with slow_receiver(SlowReceiver(hold=60)) as receiver:
        for _ in range(3):
            queue_alert(world, "webhook", {"url": receiver.url, "secret": SECRET})
        # The service's lease (60 s): only a handed-back claim is due again at once.
        env = forumkit_env(db, FORUMKIT_OUTBOX_POLL_SECONDS="0.2",
                           FORUMKIT_HTTP_TIMEOUT_SECONDS="60")
        worker = start_forumkit(["worker"], env, log)
        try:
            receiver.wait_for(3, timeout=10)  # all three are in flight, held open
            asked_to_stop = time.monotonic()
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=10)
            took = time.monotonic() - asked_to_stop
        finally:
            if worker.poll() is None:
                worker.kill()
        assert worker.returncode == 0, log.read_text()
        assert took < 3, f"stopped {took:.1f} s after SIGTERM"
        assert "worker stopped" in log.read_text()

        items = outbox(world)
        assert {i["status"] for i in items} == {"pending"}
        assert {i["attempts"] for i in items} == {0}, "a send cut short is not counted"
        assert all(datetime.fromisoformat(i["next_attempt_at"]) <= datetime.now(UTC)
                   for i in items), "due again at once"

        # The next worker (in real time, like the one that stopped) sends them straight
        # away, to the receiver that now answers at once.
        receiver.hold = 0
        following = Services.build(world.services.settings, registry=world.services.registry)
        try:
            assert deliver_due(following) == 3
        finally:
            following.close()
    assert sorted(receiver.ids()[3:]) == sorted(i["id"] for i in items)
    assert {i["status"] for i in outbox(world)} == {"delivered"}
