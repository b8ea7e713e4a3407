"""The migration chain builds exactly the tables the models describe, on each database."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from forumkit.db import make_engine
from forumkit.models import metadata


def test_models_and_migrations_agree(db: str) -> None:
    engine = make_engine(db)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, metadata().metadata)
    engine.dispose()
    assert differences == [], "run alembic revision --autogenerate: " + repr(differences)


def test_database_is_at_head(db: str) -> None:
    from forumkit.ops import schema_state

    engine = make_engine(db)
    current, heads = schema_state(engine)
    engine.dispose()
    assert current == heads and len(heads) == 1, "one chain, fully applied"
