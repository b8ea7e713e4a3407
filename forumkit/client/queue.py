"""The durable queue: a table in the forum's own database that its own transaction writes.

`enqueue(connection, event)` inserts one row with the forum's change, so the event is queued
if and only if that change commits. The sender (forumkit.client.sender) sends the rows in
order and deletes each one ForumKit has taken; one it refuses stays, set aside as
`rejected` with ForumKit's errors. Add `queue_table` to the forum's migrations (Alembic sees
it through `metadata`, or `create_table_sql(...)` gives the DDL for other tools).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    insert,
    text,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session
from sqlalchemy.schema import CreateIndex, CreateTable

from forumkit.client.models import parse_event

TABLE_NAME = "forumkit_queue"
PENDING = "pending"  # waiting to be sent (or being sent: see claimed_until)
REJECTED = "rejected"  # ForumKit refused it: kept aside with `error`, never sent again alone

metadata = MetaData()
queue_table = Table(
    TABLE_NAME, metadata,
    # BIGINT on PostgreSQL; INTEGER on SQLite, where only INTEGER PRIMARY KEY autoincrements.
    Column("id", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True,
           autoincrement=True),
    Column("event_id", String(200), nullable=False),
    Column("thread_id", String(200), nullable=True,
           comment="Events of one thread are sent in the order they were queued"),
    Column("body", Text, nullable=False, comment="The event's JSON, as ForumKit reads it"),
    Column("status", String(16), nullable=False, default=PENDING, server_default=PENDING),
    Column("error", Text, nullable=True, comment="Why ForumKit refused it (where, not what)"),
    Column("attempts", Integer, nullable=False, default=0, server_default="0"),
    Column("created_at", DateTime(timezone=True), nullable=False,
           server_default=text("CURRENT_TIMESTAMP")),
    Column("claimed_until", Float, nullable=True,
           comment="Unix time until which a sender holds the row"),
    Column("claim", String(32), nullable=True),
    Index("ix_forumkit_queue_status_id", "status", "id"),
)


def row_for(event: BaseModel | Mapping[str, Any], *, thread_id: str | None = None,
            check: bool = True) -> dict[str, Any]:
    """The queue row of an event: a model of forumkit.client.models, or a dict of the native
    JSON (checked as ForumKit checks it unless check=False; see `enqueue`)."""
    if isinstance(event, BaseModel):
        data = event.model_dump(mode="json", by_alias=True, exclude_unset=True)
    else:
        data = dict(event)
        if check:
            parse_event(data)
    event_id = data.get("id")
    if not isinstance(event_id, str) or not event_id:
        raise ValueError("an event needs an id (a non-empty string)")
    return {
        "event_id": event_id,
        "thread_id": thread_id if thread_id is not None else thread_of(data),
        "body": json.dumps(data, separators=(",", ":"), ensure_ascii=False),
        "status": PENDING,
        "attempts": 0,
        "created_at": datetime.now(UTC),
    }


def thread_of(data: Mapping[str, Any]) -> str | None:
    """The thread an event is about, when it says: the post's thread or the thread itself.
    Events that do not say (a deletion, a reaction, a member) are ordered by nothing but
    their place in the queue, unless `enqueue` is given their thread_id."""
    for part in ("post", "thread"):
        value = data.get(part)
        if isinstance(value, Mapping):
            found = value.get("thread_id" if part == "post" else "id")
            if isinstance(found, str) and found:
                return found
    return None


def enqueue(db: Connection | Session, event: BaseModel | Mapping[str, Any], *,
            thread_id: str | None = None, check: bool = True) -> None:
    """Queue an event in the forum's current transaction (a SQLAlchemy Connection or ORM
    Session): it is sent only if that transaction commits.

    `thread_id` orders an event that does not name its thread (post.deleted, reaction.added)
    with the rest of its thread. `check=False` queues a dict as it is, unchecked: an event
    ForumKit then refuses is set aside by the sender with ForumKit's errors.
    """
    db.execute(insert(queue_table).values(**row_for(event, thread_id=thread_id, check=check)))


def create_table_sql(dialect: str) -> list[str]:
    """The CREATE TABLE and CREATE INDEX statements for "postgresql" or "sqlite", for
    migration tools other than Alembic (e.g. a Django migration's RunSQL)."""
    from sqlalchemy.dialects import postgresql, sqlite

    dialects = {"postgresql": postgresql.dialect(),  # type: ignore[no-untyped-call]
                "sqlite": sqlite.dialect()}
    if dialect not in dialects:
        raise ValueError(f"dialect: one of {sorted(dialects)}")
    compiled = dialects[dialect]
    statements = [str(CreateTable(queue_table).compile(dialect=compiled)).strip()]
    statements += [str(CreateIndex(index).compile(dialect=compiled)).strip()
                   for index in sorted(queue_table.indexes, key=lambda i: str(i.name))]
    return statements


def create_table(bind: Engine | Connection) -> None:
    """Create the table if it is not there (for tests and scripts; use migrations in a
    forum's own deployment)."""
    metadata.create_all(bind, tables=[queue_table])


def requeue_rejected(db: Connection | Session, ids: list[int] | None = None) -> int:
    """Put rejected rows (these ids, or all) back in line, e.g. after fixing their body or
    upgrading ForumKit; returns how many."""
    statement = (update(queue_table).where(queue_table.c.status == REJECTED)
                 .values(status=PENDING, error=None))
    if ids is not None:
        statement = statement.where(queue_table.c.id.in_(ids))
    return int(db.execute(statement).rowcount)  # type: ignore[attr-defined]
