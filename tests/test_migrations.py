"""The migrations build exactly the tables the models describe, on each database, and a
database made by the previous release upgrades without losing anything."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from forumkit.db import make_engine
from forumkit.migrate import upgrade
from forumkit.models import metadata
from forumkit.ops import alembic_config, schema_state
from forumkit.registry import Registry
from tests.support.databases import fresh_database

DATA = Path(__file__).parent / "data"


def test_models_and_migrations_agree(db: str) -> None:
    engine = make_engine(db)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, metadata().metadata)
    engine.dispose()
    assert differences == [], "run alembic revision --autogenerate: " + repr(differences)


def test_database_is_at_every_head(db: str) -> None:
    engine = make_engine(db)
    current, pending = schema_state(engine)
    engine.dispose()
    assert current and pending == set()


def test_each_plugin_has_its_own_branch_on_the_core(db: str) -> None:
    scripts = ScriptDirectory.from_config(alembic_config(db))
    for name, plugin in Registry.discover().plugins.items():
        if plugin.migrations is None:
            continue
        [base] = [r for r in scripts.walk_revisions() if name in r.branch_labels
                  and r.down_revision is None]
        assert base.dependencies, f"{name}'s first revision names the core revision it needs"
        assert Path(base.path).parent == plugin.migrations


def test_a_database_of_the_previous_release_upgrades_without_loss(
    database_url: str, tmp_path: Path
) -> None:
    backend = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    with fresh_database(backend, tmp_path) as url:
        _load_dump(url, DATA / f"release-0.1.{backend}.sql")
        engine = make_engine(url)
        with engine.connect() as conn:
            before = {t: _count(conn, t) for t in ("post", "member", "gratitude_reaction",
                                                    "content_warnings_post_label",
                                                    "helper_impact_note", "api_key",
                                                    "unanswered_watch",
                                                    "response_modes_thread")}
        upgrade(url)
        assert schema_state(engine)[1] == set()
        with engine.connect() as conn:
            after = {t: _count(conn, t) for t in before}
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, metadata().metadata) == []
        engine.dispose()
        assert after == before and all(before.values()), before


def test_the_subforum_names_revision_upgrades_and_downgrades(
    database_url: str, tmp_path: Path
) -> None:
    backend = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    with fresh_database(backend, tmp_path) as url:
        upgrade(url)
        engine = make_engine(url)
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO forum (slug, name, adapter, adapter_settings, webhook_secret, "
                "member_secret, created_at) VALUES ('f', 'F', 'generic', '{}', 's', 'm', "
                "'2026-01-05 02:10:00+00:00')"))
            conn.execute(text(
                "INSERT INTO category_name (forum_id, category_id, name, updated_at) SELECT "
                "id, 'c-7', 'Anxiety', '2026-01-05 02:10:00+00:00' FROM forum"))
        command.downgrade(alembic_config(url), "0019_category_name-1")
        assert not inspect(engine).has_table("category_name")
        assert schema_state(engine)[1] == {"0019_category_name"}
        upgrade(url)
        assert schema_state(engine)[1] == set()
        with engine.connect() as conn:
            assert _count(conn, "category_name") == 0 and _count(conn, "forum") == 1
        engine.dispose()


def _count(conn: object, table: str) -> int:
    return int(conn.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one())  # type: ignore[attr-defined]


def _load_dump(url: str, dump: Path) -> None:
    engine = make_engine(url)
    raw = engine.raw_connection()
    try:
        if url.startswith("sqlite"):
            raw.driver_connection.executescript(dump.read_text())  # type: ignore[union-attr]
        else:
            with raw.cursor() as cursor:
                cursor.execute(dump.read_text())
            raw.commit()
            with raw.cursor() as cursor:  # the dump empties search_path for its session
                cursor.execute("SELECT pg_catalog.set_config('search_path', 'public', false)")
    finally:
        raw.close()
        engine.dispose()
