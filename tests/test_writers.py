"""SQLite has one writer at a time: writers of one process queue in the process instead of
failing on the file's lock; readers never queue. PostgreSQL retries a transaction that
lost a deadlock."""

from __future__ import annotations

import threading
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from forumkit.db import make_engine, read_engine, retrying, session_scope


def _engine(tmp_path: Path) -> Any:
    engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")

    def short_busy_timeout(dbapi_connection: Any, _record: Any) -> None:
        # Only the in-process queue can save a second writer now: the file lock gives up
        # after 50 ms.
        dbapi_connection.execute("PRAGMA busy_timeout=50")

    event.listen(engine, "connect", short_busy_timeout)
    with session_scope(engine) as session:
        session.execute(text("CREATE TABLE note (who TEXT)"))
    return engine


def test_a_second_writer_waits_its_turn_instead_of_failing(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    began, done = threading.Event(), []

    def first() -> None:
        with session_scope(engine) as session:
            session.execute(text("INSERT INTO note VALUES ('first')"))
            began.set()
            time.sleep(0.5)
        done.append("first")

    holder = threading.Thread(target=first)
    holder.start()
    began.wait(5)
    start = time.monotonic()
    with session_scope(engine) as session:
        session.execute(text("INSERT INTO note VALUES ('second')"))
    waited = time.monotonic() - start
    holder.join()
    with session_scope(read_engine(engine)) as session:
        rows = [r[0] for r in session.execute(text("SELECT who FROM note"))]
    assert rows == ["first", "second"] and waited > 0.3
    engine.dispose()


def test_readers_do_not_queue_behind_a_writer(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    began, release = threading.Event(), threading.Event()

    def writer() -> None:
        with session_scope(engine) as session:
            session.execute(text("INSERT INTO note VALUES ('w')"))
            began.set()
            release.wait(5)

    holder = threading.Thread(target=writer)
    holder.start()
    began.wait(5)
    start = time.monotonic()
    with session_scope(read_engine(engine)) as session:
        assert session.execute(text("SELECT count(*) FROM note")).scalar_one() == 0
    assert time.monotonic() - start < 0.3
    release.set()
    holder.join()
    engine.dispose()


def test_a_writer_that_fails_lets_the_next_one_in(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        session.execute(text("INSERT INTO note VALUES ('lost')"))
        raise RuntimeError("the work failed")
    with session_scope(engine) as session:
        session.execute(text("INSERT INTO note VALUES ('kept')"))
    with session_scope(read_engine(engine)) as session:
        assert [r[0] for r in session.execute(text("SELECT who FROM note"))] == ["kept"]
    engine.dispose()


def test_a_transaction_that_loses_a_deadlock_is_run_again(db: str) -> None:
    if db.startswith("sqlite"):
        pytest.skip("SQLite has one writer at a time: no deadlocks to lose")
    engine = make_engine(db)
    # A schema of its own, so the suite's other workers never see the table.
    schema = f"deadlock_{uuid.uuid4().hex[:8]}"
    table = f"{schema}.rows"
    with session_scope(engine) as session:
        session.execute(text(f"CREATE SCHEMA {schema}"))
        session.execute(text(f"CREATE TABLE {table} (id int PRIMARY KEY, n int)"))
        session.execute(text(f"INSERT INTO {table} VALUES (1, 0), (2, 0)"))
    both_hold = threading.Barrier(2, timeout=10)
    runs: list[str] = []

    def work(first: int, second: int, name: str) -> None:
        def once(session: Any) -> None:
            runs.append(name)
            session.execute(text(f"UPDATE {table} SET n = n + 1 WHERE id = :i"),
                            {"i": first})
            if runs.count(name) == 1:
                both_hold.wait()  # each holds one row and wants the other's: a deadlock
            session.execute(text(f"UPDATE {table} SET n = n + 1 WHERE id = :i"),
                            {"i": second})
        retrying(engine, once)

    threads = [threading.Thread(target=work, args=(1, 2, "a")),
               threading.Thread(target=work, args=(2, 1, "b"))]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        with session_scope(engine) as session:
            counts = [r[0] for r in session.execute(
                text(f"SELECT n FROM {table} ORDER BY id"))]
        assert counts == [2, 2], "both transactions landed whole, once each"
        assert len(runs) == 3, "the one PostgreSQL chose to undo ran again"
    finally:
        with session_scope(engine) as session:
            session.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()
