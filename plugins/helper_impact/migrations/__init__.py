"""Alembic revisions of the helper_impact plugin: its own branch, depending on the core."""
