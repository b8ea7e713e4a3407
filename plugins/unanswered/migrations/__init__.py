"""Alembic revisions of the unanswered plugin: its own branch, depending on the core."""
