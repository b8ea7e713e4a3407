"""Fixtures: every database test runs on SQLite and, when configured, on PostgreSQL."""

from __future__ import annotations

import functools
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.support.databases import postgres_admin_url

if TYPE_CHECKING:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from forumkit.clock import FrozenClock
    from forumkit.registry import Registry
    from forumkit.services import Services
    from forumkit.settings import Settings
    from tests.support.world import World

# ForumKit and the tests' helpers are imported by the fixtures that use them, in the worker
# processes: the process that hands tests out to the workers starts them sooner without.

START = datetime(2026, 1, 5, 2, 10, tzinfo=UTC)


@pytest.fixture(scope="session", autouse=True)
def _shared_compiled_statements() -> None:
    from tests.support.engines import share_compiled_statements

    share_compiled_statements()


def _backends() -> list[object]:
    postgres = pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(
            postgres_admin_url() is None, reason="FORUMKIT_TEST_POSTGRES_URL not set"
        ),
    )
    return ["sqlite", postgres]


@pytest.fixture(scope="session", params=_backends())
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                 ) -> Iterator[str]:
    """A database migrated with Alembic (so the migrations are what the tests exercise)."""
    from forumkit.migrate import upgrade
    from tests.support.databases import fresh_database

    with fresh_database(request.param, Path(tmp_path_factory.mktemp("db"))) as url:
        upgrade(url)
        if url.startswith("sqlite"):
            _checkpoint(url)
        yield url


def _sqlite_path(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).database or ""


def _checkpoint(url: str) -> None:
    # The migrated file is copied per test: everything must be in it, nothing in its WAL.
    connection = sqlite3.connect(_sqlite_path(url))
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


@pytest.fixture
def db(database_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """An empty migrated database for one test.

    SQLite: a copy of the migrated file, made in a millisecond; for a test of the `world`,
    a copy of a file that holds it already (`_world_template`). PostgreSQL: the shared
    database, emptied after the test.
    """
    if database_url.startswith("sqlite"):
        source = _sqlite_path(database_url)
        if "world" in request.fixturenames:
            template = _world_template(database_url, request)
            if template is not None:
                source, request.node.stash[WORLD] = template
        copy = tmp_path / "forumkit.db"
        shutil.copyfile(source, copy)
        yield f"sqlite:///{copy}"
        return
    yield database_url
    _truncate(database_url)


Seeded = tuple[dict[str, str], dict[str, str]]  # the world's keys and webhook secrets
WORLD = pytest.StashKey[Seeded]()
_WORLDS: dict[tuple[object, ...], tuple[str, Seeded]] = {}  # one file per registry and start


def _world_template(database_url: str, request: pytest.FixtureRequest
                    ) -> tuple[str, Seeded] | None:
    """A migrated SQLite file holding the world, built once per kind of registry and start
    time in this process; None for a clock that moves by itself (the world is then built in
    the test, at its own time)."""
    from forumkit.clock import FrozenClock
    from forumkit.services import Services
    from forumkit.settings import Settings
    from tests.support.world import seed_forums

    clock, registry = request.getfixturevalue("clock"), request.getfixturevalue("registry")
    if not isinstance(clock, FrozenClock):
        return None
    key = (database_url, clock.now(), tuple(registry.plugins))
    if key not in _WORLDS:
        folder = request.getfixturevalue("tmp_path_factory").mktemp("world")
        path = folder / "forumkit.db"
        shutil.copyfile(_sqlite_path(database_url), path)
        settings = Settings(database_url=f"sqlite:///{path}", run_scheduler=False,
                            _env_file=None)  # type: ignore[call-arg]
        services = Services.build(settings, registry=registry, clock=clock)
        try:
            seeded = seed_forums(services)
        finally:
            services.close()
        _checkpoint(f"sqlite:///{path}")
        _WORLDS[key] = (str(path), seeded)
    return _WORLDS[key]


def _truncate(url: str) -> None:
    # DELETE rather than TRUNCATE: TRUNCATE gives each table new files, tens of thousands
    # in a run, which PostgreSQL's checkpoints then sync one by one.
    from sqlalchemy import text

    from forumkit.db import make_engine
    from forumkit.models import metadata

    engine = make_engine(url)
    with engine.begin() as conn:
        sequences = conn.execute(text(
            "SELECT sequence_name FROM information_schema.sequences "
            "WHERE sequence_schema = current_schema()")).scalars().all()
        conn.exec_driver_sql("; ".join(
            [f'DELETE FROM "{t.name}"' for t in reversed(metadata().metadata.sorted_tables)]
            + [f'ALTER SEQUENCE "{name}" RESTART' for name in sequences]))
    engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def one_browser_for_the_run() -> Iterator[None]:
    from tests.support.browser import close_browser

    yield
    close_browser()


def pytest_sessionfinish() -> None:
    from tests.support.databases import drop_made_databases

    drop_made_databases()  # after the last test, not in its teardown: it waits for a checkpoint


def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    """The server the `forks` tests' processes are forked from starts while the test before
    the first of them runs, so it has imported ForumKit when they need it (one server a
    test process: tests/support/processes.py)."""
    if nextitem is not None and nextitem.get_closest_marker("forks"):
        from tests.support.processes import start_fork_server

        start_fork_server()


@pytest.fixture
def clock() -> FrozenClock:
    from forumkit.clock import FrozenClock

    return FrozenClock(START)


def make_registry(care_plugins: bool = True) -> Registry:
    """The installed plugins with the tests' own; without the care plugins for tests of the
    core, which must hold for any plugin."""
    from forumkit.registry import Registry
    from tests.support.plugins import Heartbeat, WatchNewThreads

    registry = Registry.discover(plugins=care_plugins)
    registry.add_plugin(WatchNewThreads())
    registry.add_plugin(Heartbeat())
    return registry


# The tests' receivers listen on loopback, which the outbound address policy refuses
# unless the operator allows it.
TEST_OUTBOUND_ALLOW = ["127.0.0.1/32"]


@pytest.fixture
def settings(db: str) -> Settings:
    from forumkit.settings import Settings

    return Settings(
        database_url=db, run_scheduler=False, outbox_backoff_base_seconds=1.0,
        outbox_max_attempts=4, outbound_allow=TEST_OUTBOUND_ALLOW,
        _env_file=None,  # type: ignore[call-arg]
    )


@pytest.fixture
def registry(request: pytest.FixtureRequest) -> Registry:
    """The plugins a test runs with: tests of the core (marked `core`, or folders whose
    conftest says so) run with the tests' own plugins alone, not the care features."""
    return make_registry(care_plugins=request.node.get_closest_marker("core") is None)


@pytest.fixture
def services(settings: Settings, clock: FrozenClock, registry: Registry) -> Iterator[Services]:
    from forumkit.services import Services

    built = Services.build(settings, registry=registry, clock=clock)
    yield built
    built.close()


@functools.cache
def shared_app() -> FastAPI:
    """One app for the whole run of a process: building its routes and its OpenAPI document
    takes seconds. Routes find the services in `app.state`, so each test puts its own there.
    """
    from forumkit.app import create_app
    from forumkit.services import Services
    from forumkit.settings import Settings

    settings = Settings(database_url="sqlite://", run_scheduler=False,
                        _env_file=None)  # type: ignore[call-arg]
    app = create_app(services=Services.build(settings, registry=make_registry()),
                     run_scheduler=False)
    app.openapi()  # made once, here, rather than in whichever test first reads it
    return app


@pytest.fixture(scope="session")
def app_for_tests() -> FastAPI:
    return shared_app()


@pytest.fixture
def client(services: Services, app_for_tests: FastAPI) -> Iterator[TestClient]:
    from fastapi.testclient import TestClient

    app_for_tests.state.services = services
    with TestClient(app_for_tests) as test_client:
        yield test_client


@pytest.fixture
def site(world: World, services: Services, app_for_tests: FastAPI) -> Iterator[str]:
    """The app on a live loopback port, for pages driven in headless Chromium."""
    from tests.support.browser import live_server, start_browser

    start_browser()  # once a run, here, rather than in the first test that opens a page
    app_for_tests.state.services = services
    with live_server(app_for_tests) as url:
        yield url


@pytest.fixture
def world(services: Services, client: TestClient, request: pytest.FixtureRequest) -> World:
    """A forum 'calm' with a key of each scope, and a second forum 'other' with its own."""
    from tests.support.world import World

    seeded = request.node.stash.get(WORLD, None)
    if seeded is None:
        return World.build(services, client)
    made_keys, secrets = seeded
    return World(services, client, dict(made_keys), dict(secrets))
