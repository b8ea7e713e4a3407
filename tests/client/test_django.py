"""A Django forum: the queue row written with Django's own connection inside
`transaction.atomic()`, so it commits or rolls back with the forum's change; the table made
from `create_table_sql` as the Django migration in docs/client-django.md does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text

from forumkit.client import Backoff, Client, Sender, create_table_sql, queue_table
from forumkit.client.dbapi import enqueue_with_cursor
from tests.client.conftest import LiveForumKit
from tests.support.world import post_created

django = pytest.importorskip("django")


def _django_database(url: str, tmp: Path) -> dict[str, Any]:
    from sqlalchemy.engine import make_url

    if url.startswith("sqlite"):
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp / "django-forum.db")}
    parts = make_url(url)
    return {"ENGINE": "django.db.backends.postgresql", "NAME": parts.database,
            "USER": parts.username or "", "PASSWORD": parts.password or "",
            "HOST": parts.host or "", "PORT": str(parts.port or "")}


@pytest.fixture
def django_forum(forum_database_url: str, tmp_path_factory: pytest.TempPathFactory,
                 monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Engine]]:
    """A Django connection (alias) to the forum's database, with the queue table made by
    Django's schema editor from create_table_sql; and a SQLAlchemy engine on the same
    database for the sender."""
    from django.conf import settings
    from django.db import connections

    # A browser test earlier in this worker leaves Playwright's event loop set on the main
    # thread; no async code runs here, so Django's guard against it does not apply.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if not settings.configured:
        settings.configure(DATABASES={}, USE_TZ=True, INSTALLED_APPS=[])
        django.setup()
    kind = "sqlite" if forum_database_url.startswith("sqlite") else "postgresql"
    alias = f"forum_{kind}"
    if alias not in connections.settings:
        config = _django_database(forum_database_url, tmp_path_factory.mktemp("django"))
        filled = connections.configure_settings(
            {"default": {"ENGINE": "django.db.backends.dummy"}, alias: config})
        connections.settings[alias] = filled[alias]
    django_db = connections[alias]
    with django_db.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {queue_table.name}")
    with django_db.schema_editor() as editor:  # as the migration in docs/client-django.md
        for statement in create_table_sql(django_db.vendor):
            editor.execute(statement)
    if kind == "sqlite":
        url = f"sqlite:///{django_db.settings_dict['NAME']}"
    else:
        url = forum_database_url
    engine = create_engine(url)
    try:
        yield alias, engine
    finally:
        engine.dispose()
        with django_db.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {queue_table.name}")
        django_db.close()


def test_a_django_forum_queues_events_only_in_transactions_that_commit(
    django_forum: tuple[str, Engine], forumkit: LiveForumKit
) -> None:
    from django.db import connections, transaction

    alias, engine = django_forum
    connection = connections[alias]
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        enqueue_with_cursor(cursor, post_created("e1", "p1"))
    with pytest.raises(RuntimeError), transaction.atomic(using=alias):
        with connection.cursor() as cursor:
            enqueue_with_cursor(cursor, post_created("e2", "p2", first=False))
        raise RuntimeError("the forum's change failed")
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        enqueue_with_cursor(cursor, post_created("e3", "p3", first=False))

    report = Sender(engine, Client(forumkit.url, "calm", secret=forumkit.secret),
                    backoff=Backoff(first=0.01, tries=2)).send_pending()

    assert (report.applied, report.pending) == (2, 0)
    assert forumkit.event_ids() == ["e1", "e3"]
    with engine.connect() as conn:
        assert conn.execute(text(f"SELECT count(*) FROM {queue_table.name}")).scalar() == 0
