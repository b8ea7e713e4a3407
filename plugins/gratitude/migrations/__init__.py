"""Alembic revisions of the gratitude plugin: its own branch, depending on the core."""
