"""Test databases: a SQLite file, and a PostgreSQL database made for the run and dropped at
its end."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import URL, make_url

POSTGRES_ENV = "FORUMKIT_TEST_POSTGRES_URL"


def postgres_admin_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


_MADE: list[str] = []  # PostgreSQL databases made by this process, dropped at its end


@contextmanager
def fresh_database(kind: str, tmp: Path) -> Iterator[str]:
    """Yield the URL of a new, empty database of this kind. A SQLite file goes with `tmp`;
    a PostgreSQL database is dropped by `drop_made_databases` at the end of the run: each
    DROP DATABASE waits for a checkpoint, which behind a busy suite's takes up to a minute."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp / f'forumkit-{uuid.uuid4().hex[:8]}.db'}"
        return
    admin = postgres_admin_url()
    assert admin, f"{POSTGRES_ENV} is not set"
    name = f"forumkit_test_{uuid.uuid4().hex[:10]}"
    _MADE.append(name)
    with _admin_connection() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield _admin_url().set(database=name).render_as_string(hide_password=False)


def drop_made_databases() -> None:
    """Drop the PostgreSQL databases this process made (their connections are ended)."""
    if not _MADE:
        return
    with _admin_connection() as conn:
        while _MADE:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{_MADE.pop()}" WITH (FORCE)'))


def _admin_url() -> URL:
    return make_url(postgres_admin_url() or "").set(drivername="postgresql+psycopg")


@contextmanager
def _admin_connection() -> Iterator[Connection]:
    engine = create_engine(_admin_url(), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()
