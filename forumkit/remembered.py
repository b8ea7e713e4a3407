"""Rows a plugin reads once for a whole ingest batch, then answers from memory until it ends.

A plugin's logic asks for rows one event at a time (a thread's mode, a post's watch).
Handling a batch, the plugin reads those of every thread or post the batch names in one
query and keeps them on the session while it handles the batch (`remembering`), and the
same logic answers from them (`recall`) instead of asking the database once an event. What
the logic writes through the session it tells the memory (`keep`, `add_to`); a row made by
a statement the session does not track is forgotten (`forget`), so the next ask reads it.
Outside a batch (a route, a job) nothing is remembered and every ask reads the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlmodel import Session

K = TypeVar("K")
V = TypeVar("V")
_MISSING = object()


@contextmanager
def remembering(session: Session, name: str, rows: Mapping[Any, Any]) -> Iterator[None]:
    """Keep `rows` (key -> row, or None where the batch's key has no row) as `name` while
    the block runs."""
    session.info[name] = dict(rows)
    try:
        yield
    finally:
        session.info.pop(name, None)


def recall(session: Session, name: str, key: K, read: Callable[[], V]) -> V:
    """The row remembered for `key`, else `read()` (remembered for the next ask)."""
    memory = session.info.get(name)
    if memory is None:
        return read()
    found = memory.get(key, _MISSING)
    if found is _MISSING:
        found = memory[key] = read()
    return found  # type: ignore[no-any-return]


def keep(session: Session, name: str, key: Any, row: Any) -> None:
    """The row now held for `key`, written through the session."""
    memory = session.info.get(name)
    if memory is not None:
        memory[key] = row


def add_to(session: Session, name: str, key: Any, row: Any) -> None:
    """A row added to the list remembered for `key` (if any), written through the session."""
    memory = session.info.get(name)
    if memory is not None and key in memory:
        memory[key].append(row)


def forget(session: Session, name: str, key: Any) -> None:
    """What was remembered for `key` no longer holds: the next ask reads it."""
    memory = session.info.get(name)
    if memory is not None:
        memory.pop(key, None)
