"""Alembic revisions of the content_warnings plugin: its own branch, depending on the core."""
