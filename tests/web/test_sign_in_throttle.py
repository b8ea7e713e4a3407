"""Failed sign-ins slow down further tries, per address and overall, and time lets them go."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from forumkit.app import create_app
from forumkit.clock import FrozenClock
from forumkit.services import Services
from forumkit.web.throttle import SignInThrottle
from tests.support.pages import sign_in
from tests.support.world import World


def _fail(client: TestClient) -> int:
    return sign_in(client, "fk_not-a-key").status_code


@pytest.fixture
def small_limits(services: Services) -> Services:
    services.settings.sign_in_failures_per_address = 3
    services.settings.sign_in_failures_overall = 5
    services.settings.sign_in_window_seconds = 600
    return services


@pytest.fixture
def app(small_limits: Services) -> FastAPI:
    return create_app(services=small_limits, run_scheduler=False)


def _client(app: FastAPI, address: str) -> TestClient:
    return TestClient(app, client=(address, 50000))


def test_repeated_failures_get_429_with_retry_after_until_time_moves(
    world: World, app: FastAPI, clock: FrozenClock
) -> None:
    with _client(app, "203.0.113.7") as client:
        assert [_fail(client) for _ in range(3)] == [401, 401, 401]
        refused = sign_in(client, world.keys["calm:admin"])
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "600"
        assert "Too many sign-ins failed. Try again in 10 minutes." in refused.text
        assert "fk_session" not in client.cookies, "not even a good key gets in now"

        clock.advance(timedelta(minutes=4))
        assert sign_in(client, world.keys["calm:admin"]).headers["retry-after"] == "360"
        clock.advance(timedelta(minutes=6))
        signed = sign_in(client, world.keys["calm:admin"])
        assert signed.status_code == 303
        assert client.get("/ui/forums/calm").status_code == 200


def test_failures_elsewhere_do_not_block_an_address_until_the_overall_cap(
    world: World, app: FastAPI, clock: FrozenClock
) -> None:
    with _client(app, "198.51.100.1") as guesser:
        assert [_fail(guesser) for _ in range(3)] == [401, 401, 401]
        assert _fail(guesser) == 429
    with _client(app, "192.0.2.44") as moderator:
        assert sign_in(moderator, world.keys["calm:moderator"]).status_code == 303
    with _client(app, "198.51.100.2") as second_guesser:
        assert [_fail(second_guesser) for _ in range(2)] == [401, 401]
        assert _fail(second_guesser) == 429, "five failures from all addresses: everyone waits"
    with _client(app, "192.0.2.45") as someone_else:
        refused = sign_in(someone_else, world.keys["calm:admin"])
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
        clock.advance(timedelta(minutes=10))
        assert sign_in(someone_else, world.keys["calm:admin"]).status_code == 303


def test_a_success_clears_its_own_address(clock: FrozenClock) -> None:
    throttle = SignInThrottle(clock, per_address=2, overall=10, window=timedelta(minutes=5))
    throttle.failed("a")
    throttle.succeeded("a")
    throttle.failed("a")
    assert throttle.retry_after("a") is None
    throttle.failed("a")
    assert throttle.retry_after("a") == 300
    assert throttle.retry_after("b") is None
    clock.advance(timedelta(minutes=5))
    assert throttle.retry_after("a") is None
