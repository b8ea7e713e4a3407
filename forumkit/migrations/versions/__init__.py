"""The core's Alembic revisions."""
