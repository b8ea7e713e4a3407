"""post hidden_at, erased_member: posts a moderator hid, and members whose account is gone

Revision ID: 0018_post_hidden_erased_member
Revises: 0017_post_imported
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import forumkit.db

revision: str = "0018_post_hidden_erased_member"
down_revision: str | None = "0017_post_imported"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN (nullable): on SQLite, a batch copy of the post table would cascade.
    op.add_column("post", sa.Column("hidden_at", forumkit.db.UTCDateTime(timezone=True),
                                    nullable=True))
    op.create_table(
        "erased_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("erased_at", forumkit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["forum_id"], ["forum.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("forum_id", "key"),
    )


def downgrade() -> None:
    op.drop_table("erased_member")
    with op.batch_alter_table("post", schema=None) as batch_op:
        batch_op.drop_column("hidden_at")
