"""Bringing a database to the newest schema, from code (the CLI, tests, the demo)."""

from __future__ import annotations

from alembic import command

from forumkit.ops import alembic_config


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)
