"""Held threads open to replies at the author's time, through the scheduled job, once."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlmodel import select

from forumkit.db import session_scope
from forumkit.plugin import JobContext
from forumkit.plugins.response_modes.jobs import open_held_threads
from forumkit.plugins.response_modes.models import ModeChange
from forumkit.scheduler import all_jobs, run_job
from tests.plugins.response_modes.conftest import (
    delivered,
    diary,
    permissions,
    queued,
    reply,
    set_mode,
)
from tests.support.receiver import Receiver
from tests.support.world import World, post_created


def _job(world: World) -> int:
    services = world.services
    return open_held_threads(JobContext(engine=services.engine, now=services.clock.now(),
                                        app=services))


def _changes(world: World) -> list[dict]:
    return world.client.get("/v1/forums/calm/threads/t1/response-mode",
                            headers=world.auth("calm:platform")).json()["changes"]


def test_held_replies_open_at_their_time(world: World, platform: Receiver, clock) -> None:
    diary(world)
    opens = clock.now() + timedelta(hours=2)
    set_mode(world, "u42", "held", opens_at=opens.isoformat())
    clock.advance(timedelta(hours=1, minutes=59))
    assert _job(world) == 0
    assert permissions(world, "u7")["response_mode"] == "held"
    clock.advance(timedelta(minutes=1))
    assert _job(world) == 1
    answer = permissions(world, "u7")
    assert (answer["can_reply"], answer["response_mode"]) == (True, "open")
    assert _changes(world)[0] | {"at": None} == {
        "from_mode": "held", "to_mode": "open", "by": "schedule", "allow_reactions": False,
        "opens_at": None, "at": None}
    sent = delivered(world, platform, "set_thread_replies")
    assert [s["data"]["open"] for s in sent] == [False, True]
    assert sent[1]["data"]["reason"] == "Replies are open."


def test_the_job_opens_each_thread_once_however_often_it_runs(
    world: World, platform: Receiver, clock
) -> None:
    diary(world)
    set_mode(world, "u42", "held", opens_at=(clock.now() + timedelta(hours=1)).isoformat())
    clock.advance(timedelta(hours=2))
    assert [_job(world), _job(world), _job(world)] == [1, 0, 0]
    assert [q.payload["open"] for q in queued(world, "set_thread_replies")] == [False, True]
    assert len(_changes(world)) == 3  # diary, held, opened


def test_held_job_runs_under_the_scheduler(world: World, clock) -> None:
    diary(world)
    set_mode(world, "u42", "held", opens_at=(clock.now() + timedelta(minutes=5)).isoformat())
    clock.advance(timedelta(minutes=5))
    [spec] = [j for j in all_jobs(world.services) if j.name == "response_modes.open_held"]
    run_job(world.services, spec)
    assert permissions(world, "u7")["response_mode"] == "open"


def test_replies_after_opening_are_welcome(world: World, platform: Receiver, clock) -> None:
    diary(world)
    set_mode(world, "u42", "held", opens_at=(clock.now() + timedelta(hours=1)).isoformat())
    reply(world, "early", at=(clock.now() + timedelta(minutes=30)).isoformat())
    # Written after the time but before the job ran: open already.
    reply(world, "late", at=(clock.now() + timedelta(minutes=90)).isoformat())
    hidden = delivered(world, platform, "hide_post")
    assert [h["data"]["post_id"] for h in hidden] == ["early"]


def test_author_may_open_a_held_thread_early(world: World, platform: Receiver, clock) -> None:
    diary(world)
    set_mode(world, "u42", "held", opens_at=(clock.now() + timedelta(days=2)).isoformat())
    clock.advance(timedelta(minutes=1))
    set_mode(world, "u42", "open")
    clock.advance(timedelta(days=3))
    assert _job(world) == 0
    assert [s["data"]["open"] for s in delivered(world, platform, "set_thread_replies")] == [
        False, True]


def test_opening_a_due_hold_before_the_job_still_reopens_the_platform(
    world: World, platform: Receiver, clock
) -> None:
    diary(world)
    set_mode(world, "u42", "held", opens_at=(clock.now() + timedelta(hours=1)).isoformat())
    clock.advance(timedelta(hours=2))  # due, but the job has not run yet
    set_mode(world, "u42", "open")
    assert _job(world) == 0
    assert [s["data"]["open"] for s in delivered(world, platform, "set_thread_replies")] == [
        False, True]


def test_an_edit_to_held_opens_after_the_default_hours(world: World, clock) -> None:
    world.send([post_created("e1", "t1-p1")])
    world.send([{"id": "e2", "type": "post.edited", "occurred_at": "2026-01-05T03:00:00Z",
                 "post": {"id": "t1-p1", "response_mode": "held"}}])
    answer = permissions(world, "u7")
    assert (answer["response_mode"], answer["opens_at"]) == ("held", "2026-01-06T03:00:00Z")


def test_two_workers_at_once_open_each_thread_once(world: World, clock) -> None:
    for n in range(10):
        diary(world, thread=f"t{n}")
        set_mode(world, "u42", "held", thread=f"t{n}",
                 opens_at=(clock.now() + timedelta(minutes=1)).isoformat())
    clock.advance(timedelta(minutes=2))
    start = threading.Barrier(2)
    counts: list[int] = []

    def worker() -> None:
        start.wait()
        counts.append(_job(world))

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(counts) == 10
    with session_scope(world.services.engine) as session:
        opened = session.exec(select(ModeChange).where(ModeChange.by == "schedule")).all()
    assert len(opened) == 10
