"""Overload: with the requests' connections all busy, a request is answered 503 with
Retry-After within about the pool's timeout (never a 30 s wait or a 500); past the limit of
requests in flight, a request waits its turn without a thread or a connection, and is
answered 503 when it waited too long; and the scheduled jobs, on connections of their own,
still run."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from forumkit.outbox.worker import deliver_due
from forumkit.services import Services
from forumkit.settings import Settings
from tests.support.browser import live_server
from tests.support.world import World

pytestmark = pytest.mark.core  # the core's contract, with the tests' own plugins


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={
        "db_pool_size": 1, "db_pool_overflow": 0, "db_pool_timeout_seconds": 0.5,
        "max_requests_in_flight": 3, "request_queue_seconds": 0.2})


@pytest.fixture
def site(world: World, services: Services, app_for_tests: FastAPI) -> Iterator[str]:
    app_for_tests.state.services = services
    with live_server(app_for_tests) as url:
        yield url


# One client for every request of the tests: a client of its own per request would load
# the CA bundle each time, tens of milliseconds of the process's time while a test times it.
HTTP = httpx.Client(timeout=30)


def _get(url: str, key: str, out: list[tuple[int, str | None, float]]) -> None:
    started = time.monotonic()
    answer = HTTP.get(url, headers={"Authorization": f"Bearer {key}"})
    out.append((answer.status_code, answer.headers.get("retry-after"),
                time.monotonic() - started))


def test_a_full_service_answers_503_quickly_and_its_jobs_still_run(
    world: World, services: Services, site: str
) -> None:
    busy: Any = services.engine.connect()  # the requests' only connection, held
    try:
        answers: list[tuple[int, str | None, float]] = []
        threads = [threading.Thread(target=_get, args=(
            f"{site}/v1/forums/calm/audit", world.keys["calm:admin"], answers))
            for _ in range(8)]
        for t in threads:
            t.start()
        started = time.monotonic()
        assert deliver_due(services) == 0  # the jobs' engine answers while requests wait
        job_took = time.monotonic() - started
        for t in threads:
            t.join(30)
    finally:
        busy.close()
    assert job_took < 0.4
    assert len(answers) == 8
    assert {status for status, _, _ in answers} == {503}, answers
    assert all(after is not None and int(after) >= 1 for _, after, _ in answers)
    assert max(took for _, _, took in answers) < 3, answers
    fine = httpx.get(f"{site}/v1/forums/calm/audit", timeout=5,
                     headers={"Authorization": f"Bearer {world.keys['calm:admin']}"})
    assert fine.status_code == 200, "with the connection back, requests are served"


def test_a_burst_waits_its_turn_and_is_served(
    world: World, services: Services, site: str
) -> None:
    """One request at a time on one connection: a burst of 24 queues, without a thread or a
    connection each, and every request is answered in turn, none with 503 or 500."""
    services.settings.max_requests_in_flight = 1
    services.settings.request_queue_seconds = 20
    answers: list[tuple[int, str | None, float]] = []
    threads = [threading.Thread(target=_get, args=(
        f"{site}/v1/forums/calm/audit", world.keys["calm:admin"], answers))
        for _ in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert [status for status, _, _ in answers] == [200] * 24, answers


def test_requests_served_at_once_follow_the_connections_unless_set() -> None:
    plain = Settings(database_url="postgresql+psycopg://db/forumkit",
                     _env_file=None)  # type: ignore[call-arg]
    assert plain.requests_at_once == plain.db_pool_size + plain.db_pool_overflow == 20
    bigger = plain.model_copy(update={"db_pool_size": 30})
    assert bigger.requests_at_once == 40
    assert plain.model_copy(update={"max_requests_in_flight": 8}).requests_at_once == 8


def test_on_sqlite_two_requests_a_core_are_served_at_once() -> None:
    plain = Settings(database_url="sqlite:///forumkit.db", _env_file=None)  # type: ignore[call-arg]
    cores = len(os.sched_getaffinity(0))
    assert plain.requests_at_once == min(20, 2 * cores)
    assert plain.model_copy(update={"db_pool_size": 1, "db_pool_overflow": 0}
                            ).requests_at_once == 1, "never more than its connections"
    assert plain.model_copy(update={"max_requests_in_flight": 30}).requests_at_once == 30
