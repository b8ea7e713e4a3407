"""thread pending post fields: thread facts reported before the thread's first post

Revision ID: 0002_thread_facts
Revises: 0001_core
Create Date: 2026-11-28 20:36:35.319077
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_thread_facts"
down_revision: str | None = "0001_core"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("thread", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pending_post_fields", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("thread", schema=None) as batch_op:
        batch_op.drop_column("pending_post_fields")
