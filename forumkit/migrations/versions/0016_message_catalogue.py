"""message catalogue: each forum's locale and time zone, and its overrides of messages

Revision ID: 0016_message_catalogue
Revises: 0015_outbox_destinations
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import forumkit.db

revision: str = "0016_message_catalogue"
down_revision: str | None = "0015_outbox_destinations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("forum", schema=None) as batch_op:
        batch_op.add_column(sa.Column("locale", sqlmodel.sql.sqltypes.AutoString(length=35),
                                      nullable=False, server_default="en"))
        batch_op.add_column(sa.Column("timezone", sqlmodel.sql.sqltypes.AutoString(length=64),
                                      nullable=False, server_default="UTC"))
    op.create_table(
        "message_override",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("updated_at", forumkit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.ForeignKeyConstraint(["forum_id"], ["forum.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("forum_id", "message_id"),
    )
    with op.batch_alter_table("message_override", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_message_override_forum_id"), ["forum_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("message_override", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_override_forum_id"))
    op.drop_table("message_override")
    with op.batch_alter_table("forum", schema=None) as batch_op:
        batch_op.drop_column("timezone")
        batch_op.drop_column("locale")
