"""Database engine and sessions: SQLite (WAL) by default, PostgreSQL in production.

A request or a job owns its transaction: it commits or rolls back once, at its boundary,
so that an event, its mirror updates and the actions it produced land together or not at all.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import DateTime, event, insert
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session, create_engine

from forumkit.clock import as_utc


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes; hands back aware UTC datetimes on SQLite as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        value = as_utc(value)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else as_utc(value)


WRITER_WAIT_SECONDS = 30.0  # a writer waits this long for the others of its process


def make_engine(url: str, *, pool_size: int = 10, overflow: int = 20,
                pool_timeout: float = 30.0) -> Engine:
    """An engine with its own pool. A request or job waiting longer than `pool_timeout` for
    a connection gets sqlalchemy's TimeoutError (answered 503: the service is full)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        pooled: dict[str, Any] = {}
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            pooled = {"pool_size": pool_size, "max_overflow": overflow,
                      "pool_timeout": pool_timeout}
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                               **pooled)
        writers = _writers_of(parsed.database or "")
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", writers.begin)
        event.listen(engine, "commit", writers.end)
        event.listen(engine, "rollback", writers.end)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=pool_size, max_overflow=overflow,
                         pool_timeout=pool_timeout)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Autocommit at the driver level; the "begin" hook below opens transactions itself,
    # so every transaction takes the write lock up front and concurrent writers queue
    # instead of failing with "database is locked" half-way through.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


_WRITERS: dict[str, _Writers] = {}
_WRITERS_LOCK = threading.Lock()


def _writers_of(database: str) -> _Writers:
    """One queue of writers per SQLite file in this process, shared by its engines (the
    API's and the jobs'), so they queue together for the file's one write lock."""
    key = str(Path(database).resolve()) if database not in ("", ":memory:") else database
    with _WRITERS_LOCK:
        if key not in _WRITERS or not key:
            _WRITERS[key] = _Writers()
        return _WRITERS[key]


class _Writers:
    """SQLite has one writer at a time. Writers of this process queue here, in the process,
    before they take the file's lock (BEGIN IMMEDIATE), so a burst of requests and the
    scheduler's jobs wait their turn instead of polling the file and failing with
    "database is locked". Read-only work (the page-drawing read path) stays deferred and
    never queues. Another process (a `worker`) still meets the file lock's busy timeout."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.holder: dict[int, bool] = {}  # id(connection) -> holds the lock

    def begin(self, conn: Any) -> None:
        options = conn.get_execution_options()
        if options.get("forumkit_statements", False):
            return  # each statement on its own (statement_engine): nothing to begin
        if options.get("forumkit_readonly", False):
            conn.exec_driver_sql("BEGIN")
            return
        if not self.lock.acquire(timeout=WRITER_WAIT_SECONDS):
            raise OperationalError("BEGIN IMMEDIATE", {}, Exception(
                "database is locked: writers of this process queued longer than "
                f"{WRITER_WAIT_SECONDS:.0f} s"))
        self.holder[id(conn)] = True
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            self.end(conn)
            raise

    def end(self, conn: Any) -> None:
        if self.holder.pop(id(conn), False):
            self.lock.release()


def read_engine(engine: Engine) -> Engine:
    """The same pool, for transactions that only read."""
    return engine.execution_options(forumkit_readonly=True)


def statement_engine(engine: Engine) -> Engine:
    """The same pool, for reads that need no transaction: each statement reads the database
    as it is then, as each one does inside a transaction at PostgreSQL's default isolation
    (read committed). Nothing is left open, so ending the work sends nothing to the
    database: the read path gives its connection back without another hand-off to a
    thread (forumkit.deps)."""
    if engine.dialect.name == "sqlite":
        # Its driver already commits each statement by itself (_sqlite_pragmas).
        return engine.execution_options(forumkit_readonly=True, forumkit_statements=True)
    return engine.execution_options(forumkit_readonly=True, isolation_level="AUTOCOMMIT")


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A unit of work: commit on success, roll back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


# PostgreSQL's codes for a transaction it undid to break a deadlock, and for a
# serialization conflict: running the same work again is safe and usually succeeds.
RETRYABLE = frozenset({"40P01", "40001"})
T = TypeVar("T")


def retrying(engine: Engine, work: Callable[[Session], T], attempts: int = 4) -> T:
    """Run `work` as one unit of work, again (from the start, in a new transaction) when
    the database undid it for a deadlock or a serialization conflict."""
    for attempt in range(1, attempts + 1):
        try:
            with session_scope(engine) as session:
                return work(session)
        except DBAPIError as exc:
            if attempt == attempts or getattr(exc.orig, "sqlstate", None) not in RETRYABLE:
                raise
            time.sleep(0.02 * attempt)
    raise AssertionError("unreachable")  # pragma: no cover


def insert_once(session: Session, model: type[Any], values: dict[str, Any]) -> bool:
    """Insert a row unless its unique key exists; True when this call inserted it.

    The database decides, so two processes racing on the same key cannot both win.
    """
    table = getattr(model, "__table__", model)  # a SQLModel class or a Table
    # RETURNING, not rowcount: drivers report -1 rows for ON CONFLICT inserts.
    key = list(table.primary_key.columns)[0]
    stmt = _insert_ignoring(session, table).values(**values).returning(key)
    return session.execute(stmt).first() is not None


def insert_made(session: Session, model: type[T], values: dict[str, Any]) -> T | None:
    """Insert a row unless its unique key exists, as `insert_once` does; the row when this
    call inserted it, read back by the same statement and kept in the session."""
    stmt = _insert_ignoring(session, model).values(**values).returning(model)
    return session.scalars(stmt).first()


def insert_missing(
    session: Session, model: type[Any], rows: list[dict[str, Any]], returning: Any = None
) -> list[Any]:
    """Insert these rows in one statement, skipping any whose unique key exists; with
    `returning` (a column), the values of that column for the rows this call inserted."""
    if not rows:
        return []
    table = getattr(model, "__table__", model)
    # Parameters apart from the statement: it is compiled once and cached, and the driver
    # gets the rows in as few statements as it takes ("insertmanyvalues").
    stmt = _insert_ignoring(session, table)
    if returning is None:
        session.execute(stmt, rows)
        return []
    return list(session.execute(stmt.returning(returning), rows).scalars())


def _insert_ignoring(session: Session, table: Any) -> Any:
    """An INSERT that skips rows whose unique key exists; `table` a Table, or a model class
    for an INSERT whose RETURNING gives rows of the model."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing()
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table).on_conflict_do_nothing()
    return insert(table)  # pragma: no cover - only SQLite and PostgreSQL are supported
