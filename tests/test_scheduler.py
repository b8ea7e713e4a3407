"""The scheduler runs the outbox and plugin jobs with the app; several workers share rows safely."""

from __future__ import annotations

import threading
import time

import pytest
from fastapi.testclient import TestClient

from forumkit.app import create_app
from forumkit.outbox.worker import deliver_due
from forumkit.services import Services
from tests.support.plugins import Heartbeat
from tests.support.receiver import Receiver, running
from tests.support.world import World, post_created

pytestmark = pytest.mark.core  # the core's contract, with the tests' own plugins

def _connect(world: World, url: str) -> None:
    world.client.patch("/v1/forums/calm", json={"adapter_settings": {"callback_url": url}},
                       headers=world.auth("calm:admin"))


def test_app_starts_the_scheduler_which_delivers_and_runs_plugin_jobs(
    world: World, services: Services
) -> None:
    Heartbeat.beats.clear()
    with running(Receiver()) as receiver:
        _connect(world, receiver.url)
        world.send([post_created("e1", "p1")])
        with TestClient(create_app(services=services, run_scheduler=True)):
            receiver.wait_for(1, timeout=10)
            deadline = time.monotonic() + 10
            while not Heartbeat.beats and time.monotonic() < deadline:
                time.sleep(0.05)
    assert receiver.received[0].json()["data"]["post_id"] == "p1"
    assert Heartbeat.beats, "the plugin's job ran"


def test_two_workers_at_once_deliver_each_action_exactly_once(world: World) -> None:
    with running(Receiver()) as receiver:
        _connect(world, receiver.url)
        world.send([post_created(f"e{i}", f"p{i}", thread=f"t{i}") for i in range(60)])
        world.services.settings.outbox_batch_size = 7
        errors: list[BaseException] = []

        def work() -> None:
            try:
                while deliver_due(world.services):
                    pass
            except BaseException as exc:  # surfaced below
                errors.append(exc)

        threads = [threading.Thread(target=work) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert not errors
    ids = [r.json()["id"] for r in receiver.received]
    assert len(ids) == 60
    assert len(set(ids)) == 60
