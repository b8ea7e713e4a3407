"""The queue table made in an Alembic revision, as docs/client-flask.md shows, on the forum's
database; a row queued there (through psycopg's own cursor on PostgreSQL) takes the
table's defaults."""

from __future__ import annotations

from alembic import op
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import Engine, inspect, select

from forumkit.client import PENDING, enqueue, queue_table
from forumkit.client.dbapi import enqueue_with_cursor
from tests.support.world import post_created


def test_an_alembic_revision_makes_and_drops_the_queue_table(forum_db: Engine) -> None:
    with forum_db.begin() as conn:
        queue_table.drop(conn)
    with forum_db.begin() as conn, Operations.context(MigrationContext.configure(conn)):
        queue_table.create(op.get_bind())  # the revision's upgrade()
    assert {i["name"] for i in inspect(forum_db).get_indexes(queue_table.name)} == {
        "ix_forumkit_queue_status_id"}
    with forum_db.begin() as conn:
        if forum_db.dialect.name == "postgresql":  # psycopg's cursor takes %s, as Django's
            enqueue_with_cursor(conn.connection.cursor(), post_created("e1", "p1"))
        else:
            enqueue(conn, post_created("e1", "p1"))
    with forum_db.connect() as conn:
        queued = conn.execute(select(queue_table)).one()
    assert (queued.event_id, queued.thread_id, queued.status, queued.attempts) == (
        "e1", "t1", PENDING, 0)
    assert queued.created_at is not None
    with forum_db.begin() as conn, Operations.context(MigrationContext.configure(conn)):
        queue_table.drop(op.get_bind())  # the revision's downgrade()
    assert not inspect(forum_db).has_table(queue_table.name)
    with forum_db.begin() as conn:
        queue_table.create(conn)  # as the fixture left it
