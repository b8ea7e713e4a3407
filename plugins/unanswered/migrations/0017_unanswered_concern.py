"""posts whose words were a concern, kept for a later risk label

Revision ID: 0017_unanswered_concern
Revises: 0016_unanswered_risk
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import forumkit.db

revision: str = "0017_unanswered_concern"
down_revision: str | None = "0016_unanswered_risk"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "unanswered_concern",
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("seen_at", forumkit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["forum_id"], ["forum.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["post_id"], ["post.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["thread_id"], ["thread.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("post_id"),
    )
    with op.batch_alter_table("unanswered_concern", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_unanswered_concern_forum_id"), ["forum_id"],
                              unique=False)


def downgrade() -> None:
    op.drop_table("unanswered_concern")
