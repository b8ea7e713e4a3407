"""Queueing through a plain DB-API cursor, for forums whose code is not on SQLAlchemy.

A Django forum calls `enqueue_with_cursor(connection.cursor(), event)` inside its
`transaction.atomic()` block; any cursor with the "%s" parameter style works the same way
(Django's on every backend, psycopg's). The row is the one `enqueue` writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from pydantic import BaseModel

from forumkit.client.queue import TABLE_NAME, row_for

INSERT_SQL = f"INSERT INTO {TABLE_NAME} (event_id, thread_id, body) VALUES (%s, %s, %s)"


class Cursor(Protocol):
    def execute(self, sql: str, params: Any = ..., /) -> Any: ...


def enqueue_with_cursor(cursor: Cursor, event: BaseModel | Mapping[str, Any], *,
                        thread_id: str | None = None, check: bool = True) -> None:
    """Queue an event in the cursor's current transaction (see forumkit.client.enqueue)."""
    row = row_for(event, thread_id=thread_id, check=check)
    cursor.execute(INSERT_SQL, (row["event_id"], row["thread_id"], row["body"]))
