"""Alembic environment and the core's revisions; plugins add their own branches."""
