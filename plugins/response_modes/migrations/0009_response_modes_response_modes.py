"""response modes: each thread's mode (and a reply's own), and the record of changes

Revision ID: 0009_response_modes
Revises: (a branch of its own, on the core)
Create Date: 2026-11-28 20:32:41.329102
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import forumkit.db

revision: str = "0009_response_modes"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("response_modes",)
depends_on: str | Sequence[str] | None = "0007_web_sessions"


def upgrade() -> None:
    op.create_table(
        "response_modes_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("from_mode", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("to_mode", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("allow_reactions", sa.Boolean(), nullable=False),
        sa.Column("opens_at", forumkit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("actor_member_id", sa.Integer(), nullable=True),
        sa.Column("at", forumkit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["actor_member_id"], ["member.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["forum_id"], ["forum.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["thread_id"], ["thread.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("response_modes_change", schema=None) as batch_op:
        batch_op.create_index("ix_response_modes_change_thread", ["thread_id", "id"], unique=False)

    op.create_table(
        "response_modes_thread",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("mode", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("allow_reactions", sa.Boolean(), nullable=False),
        sa.Column("opens_at", forumkit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("changed_at", forumkit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.ForeignKeyConstraint(["forum_id"], ["forum.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["thread_id"], ["thread.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("thread_id"),
    )
    with op.batch_alter_table("response_modes_thread", schema=None) as batch_op:
        batch_op.create_index("ix_response_modes_thread_held", ["mode", "opens_at"], unique=False)

    op.create_table(
        "response_modes_post",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("mode", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("allow_reactions", sa.Boolean(), nullable=False),
        sa.Column("opens_at", forumkit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("changed_at", forumkit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["forum_id"], ["forum.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["post_id"], ["post.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("post_id"),
    )


def downgrade() -> None:
    op.drop_table("response_modes_post")
    with op.batch_alter_table("response_modes_thread", schema=None) as batch_op:
        batch_op.drop_index("ix_response_modes_thread_held")

    op.drop_table("response_modes_thread")
    with op.batch_alter_table("response_modes_change", schema=None) as batch_op:
        batch_op.drop_index("ix_response_modes_change_thread")

    op.drop_table("response_modes_change")
