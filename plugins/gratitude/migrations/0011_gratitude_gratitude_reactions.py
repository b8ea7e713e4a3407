"""gratitude reactions

Revision ID: 0011_gratitude
Revises: (a branch of its own, on the core)
Create Date: 2026-11-28 20:23:21.182706
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import forumkit.db

revision: str = "0011_gratitude"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("gratitude",)
depends_on: str | Sequence[str] | None = "0007_web_sessions"


def upgrade() -> None:
    op.create_table(
        "gratitude_reaction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_at", forumkit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["forum_id"], ["forum.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["post_id"], ["post.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("post_id", "member_id", "kind"),
    )
    with op.batch_alter_table("gratitude_reaction", schema=None) as batch_op:
        batch_op.create_index(
            "ix_gratitude_reaction_forum_created", ["forum_id", "created_at"], unique=False
        )
        batch_op.create_index("ix_gratitude_reaction_member", ["member_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("gratitude_reaction", schema=None) as batch_op:
        batch_op.drop_index("ix_gratitude_reaction_member")
        batch_op.drop_index("ix_gratitude_reaction_forum_created")
    op.drop_table("gratitude_reaction")
