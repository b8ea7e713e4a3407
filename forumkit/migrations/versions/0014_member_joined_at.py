"""member joined_at: when the platform says a member joined

Revision ID: 0014_member_joined_at
Revises: 0013_forum_secret_rotation
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import forumkit.db

revision: str = "0014_member_joined_at"
down_revision: str | None = "0013_forum_secret_rotation"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("joined_at", forumkit.db.UTCDateTime(timezone=True),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_column("joined_at")
