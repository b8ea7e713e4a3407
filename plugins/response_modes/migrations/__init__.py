"""Alembic revisions of the response_modes plugin: its own branch, depending on the core."""
