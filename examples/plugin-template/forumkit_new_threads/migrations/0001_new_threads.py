"""new threads: the plugin's table, on a branch of its own that depends on the core

Revision ID: 0001_new_threads
Revises: (a branch of its own, on the core)
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import forumkit.db

revision: str = "0001_new_threads"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("new_threads",)
depends_on: str | Sequence[str] | None = "0007_web_sessions"  # the core revision it needs


def upgrade() -> None:
    op.create_table(
        "new_threads_thread",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("started_at", forumkit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["forum_id"], ["forum.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["thread_id"], ["thread.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["author_id"], ["member.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("thread_id"),
    )
    op.create_index("ix_new_threads_thread_forum_id", "new_threads_thread", ["forum_id"])
    op.create_index("ix_new_threads_thread_started_at", "new_threads_thread", ["started_at"])


def downgrade() -> None:
    op.drop_table("new_threads_thread")
