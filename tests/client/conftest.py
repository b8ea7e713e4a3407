"""A real ForumKit on a loopback port (stopped and started again at will), and the forum's
own database holding the client's queue, on SQLite or PostgreSQL like ForumKit's."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from sqlalchemy import Column, Engine, Integer, MetaData, String, Table, create_engine, text

from forumkit.client import create_table, queue_table
from forumkit.clock import SystemClock
from forumkit.services import Services
from tests.support.browser import free_port
from tests.support.world import World

# The forum's own table, changed in the same transaction that queues its event.
forum_tables = MetaData()
forum_posts = Table("forum_post", forum_tables, Column("id", Integer, primary_key=True),
                    Column("thread", String(40)), Column("body", String(2000)))


@pytest.fixture
def clock() -> SystemClock:
    # The client signs with the wall clock, and ForumKit checks timestamps against its own.
    return SystemClock()


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Recording:
    """The app, keeping each POST it is sent (path, headers, raw body) in arrival order."""

    app: Any
    requests: list[Seen] = field(default_factory=list)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        chunks, more = [], True
        while more:
            message = await receive()
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        self.requests.append(Seen(scope["path"], {k.decode(): v.decode()
                                                  for k, v in scope["headers"]}, body))
        given = False

        async def replay() -> Any:
            nonlocal given
            if given:
                return await receive()
            given = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


class LiveForumKit:
    """ForumKit serving on one loopback port; `stop()` and `start()` take it down and back."""

    def __init__(self, app: FastAPI, world: World) -> None:
        self.recording = Recording(app)
        self.world = world
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def secret(self) -> str:
        return self.world.secrets["calm"]

    def start(self) -> None:
        server = uvicorn.Server(uvicorn.Config(
            self.recording, host="127.0.0.1", port=self.port, log_config=None,
            access_log=False, lifespan="off"))
        self._thread = threading.Thread(target=server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.01)
        self._server = server

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)
            self._server = None

    def event_ids(self) -> list[str]:
        """The ids of the events ForumKit was sent, in the order it received them."""
        import json

        return [event["id"] for seen in self.recording.requests
                for event in json.loads(seen.body)["events"]]

    def ingested(self) -> set[str]:
        with self.world.services.engine.connect() as conn:
            return {row[0] for row in conn.execute(text("SELECT event_id FROM ingested_event"))}


@pytest.fixture
def forumkit(world: World, services: Services, app_for_tests: FastAPI
             ) -> Iterator[LiveForumKit]:
    app_for_tests.state.services = services
    live = LiveForumKit(app_for_tests, world)
    live.start()
    try:
        yield live
    finally:
        live.stop()


@pytest.fixture(scope="session")
def forum_database_url(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The forum's own database, of the same kind as ForumKit's in this run: a file of its
    own on SQLite; on PostgreSQL, ForumKit's test database, whose tables the forum's do not
    touch and where they are dropped after each test (a database more would cost the run
    seconds to drop)."""
    if database_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path_factory.mktemp('forum') / 'forum.db'}"
    return database_url


@pytest.fixture
def forum_db(forum_database_url: str, tmp_path: Path) -> Iterator[Engine]:
    """The forum's database with its posts table and the client's queue, empty."""
    url = forum_database_url
    if url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / f'forum-{uuid.uuid4().hex[:6]}.db'}"
    engine = create_engine(url)
    forum_tables.create_all(engine)
    create_table(engine)
    try:
        yield engine
    finally:
        if engine.dialect.name == "postgresql":
            # Dropped, not emptied: ForumKit's tests that compare its tables with its
            # migrations share this database.
            with engine.begin() as conn:
                conn.execute(text(f"DROP TABLE IF EXISTS {queue_table.name}, {forum_posts.name}"))
        engine.dispose()
