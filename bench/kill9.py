"""Ingest across kill -9: nothing acknowledged is lost, no batch lands in part.

A client sends batches of 20 new events (post.created) to a real `forumkit serve`, one
after another, while the server is killed with SIGKILL at a random moment every 0.5-1.5 s
and started again, ten times. Then every batch's events are looked up in the database:
  lost     events of a batch the server answered 200 for that are not there (goal 0);
  partial  batches with some of their events there and some not (goal 0).
Batches that got no answer (the server died under them) may be there whole or not at all.

    .venv/bin/python bench/kill9.py                      # SQLite in a temp dir
    FORUMKIT_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        .venv/bin/python bench/kill9.py                  # and PostgreSQL
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from forumkit.db import make_engine, session_scope  # noqa: E402
from forumkit.forums import service as forums  # noqa: E402
from forumkit.keys import service as keys  # noqa: E402
from forumkit.keys.models import Scope  # noqa: E402
from forumkit.migrate import upgrade  # noqa: E402
from forumkit.registry import Registry  # noqa: E402
from tests.support.databases import fresh_database  # noqa: E402

KILLS = 10
BATCH = 20


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORUMKIT_")}
    env.update({"FORUMKIT_DATABASE_URL": url, "FORUMKIT_LOG_LEVEL": "WARNING"})
    return subprocess.Popen(
        [sys.executable, "-m", "forumkit.cli", "serve", "--port", str(port), "--no-scheduler"],
        env=env, cwd=ROOT, stdout=log.open("a"), stderr=subprocess.STDOUT)


def run(url: str, scratch: Path) -> tuple[int, int, int, int]:
    upgrade(url)
    engine = make_engine(url)
    from datetime import UTC, datetime
    now = datetime.now(UTC)
    with session_scope(engine) as session:
        forum = forums.create_forum(session, Registry.discover(), slug="k9", adapter="generic",
                                    name="Kill nine", adapter_settings={}, actor="bench",
                                    now=now)
        _, key = keys.create_key(session, scope=Scope.platform, forum_id=forum.id, now=now)
    port = _port()
    base = f"http://127.0.0.1:{port}/v1/forums/k9/events"
    acked: list[int] = []
    sent: list[int] = []
    stop = threading.Event()

    def client() -> None:
        n = 0
        with httpx.Client(timeout=5) as http:
            while not stop.is_set():
                events = [{"id": f"b{n}-e{i}", "type": "post.created",
                           "occurred_at": datetime.now(UTC).isoformat(),
                           "post": {"id": f"b{n}-p{i}", "thread_id": f"b{n}-t{i % 4}",
                                    "author_id": f"u{i}", "is_first_in_thread": i < 4,
                                    "body": "A night like the others"}}
                          for i in range(BATCH)]
                sent.append(n)
                try:
                    answer = http.post(base, json={"events": events},
                                       headers={"Authorization": f"Bearer {key}"})
                    if answer.status_code == 200:
                        acked.append(n)
                except httpx.HTTPError:
                    time.sleep(0.05)  # the server is down: try the next batch shortly
                n += 1

    log = scratch / "serve.log"
    server = _start(url, port, log)
    thread = threading.Thread(target=client)
    thread.start()
    try:
        for _ in range(KILLS):
            time.sleep(random.uniform(0.5, 1.5) + 1.5)  # the restart takes about 1.5 s
            server.send_signal(signal.SIGKILL)
            server.wait()
            server = _start(url, port, log)
        time.sleep(2.5)
    finally:
        stop.set()
        thread.join()
        server.send_signal(signal.SIGTERM)
        server.wait(15)
    with session_scope(engine) as session:
        stored = {row[0] for row in session.execute(
            text("SELECT event_id FROM ingested_event"))}
    engine.dispose()
    lost = sum(1 for n in acked for i in range(BATCH) if f"b{n}-e{i}" not in stored)
    partial = sum(1 for n in sent
                  if 0 < sum(f"b{n}-e{i}" in stored for i in range(BATCH)) < BATCH)
    return len(sent), len(acked), lost, partial


def main() -> None:
    backends = ["sqlite"] + (["postgresql"] if os.environ.get("FORUMKIT_TEST_POSTGRES_URL")
                             else [])
    for backend in backends:
        with tempfile.TemporaryDirectory() as tmp, fresh_database(backend, Path(tmp)) as url:
            sent, acked, lost, partial = run(url, Path(tmp))
            print(f"{backend}: {KILLS} kill -9s, {sent} batches of {BATCH} sent, {acked} "
                  f"acknowledged; lost {lost} events (goal 0), partial batches {partial} "
                  f"(goal 0): {'met' if lost == 0 and partial == 0 else 'MISSED'}")


if __name__ == "__main__":
    main()
