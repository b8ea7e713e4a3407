"""Bringing a database to the newest schema, from code (the CLI, tests, the demo)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from alembic import command
from sqlalchemy import text

from forumkit.db import make_engine
from forumkit.ops import alembic_config

if TYPE_CHECKING:
    from forumkit.registry import Registry

# Release 0.1 kept every plugin's tables in the core's one chain, in this order. Since then
# each plugin has a branch of its own; a database stamped at a revision of that old chain
# is stamped instead at each plugin revision it had applied.
ONE_CHAIN = [
    "0008_content_warnings", "0009_response_modes", "0010_unanswered", "0011_gratitude",
    "0012_helper_impact",
]


def upgrade(database_url: str, revision: str = "heads", registry: Registry | None = None) -> None:
    """Apply the core's revisions and every plugin's (installed, or of `registry`)."""
    split_one_chain(database_url)
    command.upgrade(alembic_config(database_url, registry), revision)


def split_one_chain(database_url: str) -> None:
    """Restamp a database migrated by the one-chain release; changes no table but Alembic's."""
    engine = make_engine(database_url)
    try:
        with engine.begin() as conn:
            if not engine.dialect.has_table(conn, "alembic_version"):
                return
            stamped = [r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))]
            if len(stamped) != 1 or stamped[0] not in ONE_CHAIN:
                return
            applied = ONE_CHAIN[: ONE_CHAIN.index(stamped[0]) + 1]
            conn.execute(text("DELETE FROM alembic_version"))
            for rev in applied:
                conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"),
                             {"v": rev})
    finally:
        engine.dispose()
