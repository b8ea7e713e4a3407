"""Each post gets at most one alert per tier, whatever the number of schedulers, restarts or
clock jumps; an alert missed while the service was down fires once, marked late."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from forumkit.app import create_app
from forumkit.clock import FrozenClock
from forumkit.services import Services
from tests.plugins.unanswered.racing import run_scheduler_process
from tests.plugins.unanswered.support import (
    advance,
    alert_actions,
    alerts,
    configure,
    fields,
    post_created,
    run_job,
)
from tests.support.processes import FORKS
from tests.support.receiver import Receiver, running
from tests.support.world import World

RULE = {"rule": {"peer_window_minutes": 60,
                 "escalation": [{"after_minutes": 180, "channels": ["moderators"]}]},
        "new_member_posts": 0}
POSTS = 120


def _many_posts(world: World) -> None:
    configure(world, RULE)
    world.send([post_created(f"e{i}", f"p{i}", thread=f"t{i}", author=f"u{i}")
                for i in range(POSTS)])


def _assert_one_alert_per_post(world: World) -> None:
    fired = alert_actions(world, "alert.fired")
    assert len(fired) == POSTS
    assert len({fields(a)["post_id"] for a in fired}) == POSTS
    assert len(alerts(world, limit=200)) == POSTS


def test_three_schedulers_in_threads_fire_each_alert_once(world: World) -> None:
    _many_posts(world)
    clock = world.services.clock
    assert isinstance(clock, FrozenClock)
    clock.advance(timedelta(minutes=61))
    barrier = threading.Barrier(3)
    errors: list[BaseException] = []

    def scheduler() -> None:
        try:
            barrier.wait()
            run_job(world)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=scheduler) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    _assert_one_alert_per_post(world)


@pytest.mark.forks
def test_two_scheduler_processes_fire_each_alert_once(world: World, database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("several processes share a database in production on PostgreSQL")
    _many_posts(world)
    now = world.services.clock.now() + timedelta(minutes=61)
    start, results = FORKS.Event(), FORKS.Queue()
    processes = [FORKS.Process(target=run_scheduler_process,
                               args=(database_url, now, start, results)) for _ in range(2)]
    for process in processes:
        process.start()
    start.set()
    for process in processes:
        process.join(timeout=120)
        assert process.exitcode == 0
    handled = [results.get(timeout=5) for _ in processes]
    assert sum(handled) >= POSTS  # between them they looked at every due post
    _assert_one_alert_per_post(world)


def test_alert_missed_during_downtime_fires_once_marked_late(world: World) -> None:
    configure(world, RULE)
    world.send([post_created("e1", "p1")])
    clock = world.services.clock
    assert isinstance(clock, FrozenClock)
    clock.advance(timedelta(hours=2))  # the service was down when tier 1 fell due
    run_job(world)
    run_job(world)
    [alert] = alerts(world)
    assert alert["tier"] == 1 and alert["late"] is True
    [action] = alert_actions(world)
    assert "Late: this was due at 2026-01-05 03:10 UTC" in action.payload["text"]


def test_downtime_past_several_tiers_fires_each_tier_once(world: World) -> None:
    configure(world, RULE)
    world.send([post_created("e1", "p1")])
    advance(world, hours=5)
    advance(world, hours=5)
    fired = alert_actions(world, "alert.fired")
    assert [fields(a)["tier"] for a in fired] == [1, 2]
    assert all(fields(a)["late"] for a in fired)
    [open_alert] = alerts(world)
    assert open_alert["tier"] == 2


def test_clock_jumping_back_and_forth_fires_nothing_twice(world: World) -> None:
    configure(world, RULE)
    world.send([post_created("e1", "p1")])
    clock = world.services.clock
    assert isinstance(clock, FrozenClock)
    start = clock.now()
    advance(world, minutes=61)
    clock.set(start)  # the clock steps back (NTP correction)
    run_job(world)
    advance(world, minutes=61)
    advance(world, minutes=1)
    assert len(alert_actions(world, "alert.fired")) == 1


def test_restart_does_not_fire_again(world: World, services: Services) -> None:
    configure(world, RULE)
    world.send([post_created("e1", "p1")])
    advance(world, minutes=61)
    restarted = Services.build(services.settings, registry=services.registry,
                               clock=services.clock)
    try:
        world.services = restarted
        run_job(world)
    finally:
        restarted.close()
        world.services = services
    assert len(alert_actions(world, "alert.fired")) == 1


@pytest.mark.slow
def test_the_scheduler_fires_within_seconds_of_the_deadline(
    world: World, services: Services
) -> None:
    configure(world, RULE)
    with running(Receiver()) as receiver:
        world.client.patch("/v1/forums/calm",
                           json={"adapter_settings": {"callback_url": receiver.url}},
                           headers=world.auth("calm:admin"))
        world.send([post_created("e1", "p1")])
        with TestClient(create_app(services=services, run_scheduler=True)):
            clock = services.clock
            assert isinstance(clock, FrozenClock)
            clock.advance(timedelta(minutes=60))
            began = time.monotonic()
            [delivered] = receiver.wait_for(1, timeout=10)
            took = time.monotonic() - began
    assert delivered.json()["type"] == "notify_moderators"
    assert delivered.json()["data"]["post_id"] == "p1"
    assert took < 3.0, "the job runs every second, the outbox every second"


def test_posts_and_deadlines_older_than_the_stale_limit_are_not_alerted(world: World) -> None:
    configure(world, RULE | {"stale_after_days": 2})
    world.send([post_created("e0", "p0", thread="t0", at="2026-01-01T00:00:00Z"),  # history
                post_created("e1", "p1")])
    advance(world, days=3)  # down for three days: p1's tiers fell due too long ago
    assert alerts(world, state="all") == []
    assert alert_actions(world) == []
