"""outbox destinations: a destination key per delivery, the lease holder, when it went dead,
and the circuit-breaker state of each destination

Revision ID: 0015_outbox_destinations
Revises: 0014_member_joined_at
Create Date: 2026-12-09 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import forumkit.db
from forumkit.outbox.destinations import destination_key

revision: str = "0015_outbox_destinations"
down_revision: str | None = "0014_member_joined_at"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            "destination", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False,
            server_default="adapter",
        ))
        batch_op.add_column(sa.Column(
            "claimed_by", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))
        batch_op.add_column(sa.Column(
            "dead_at", forumkit.db.UTCDateTime(timezone=True), nullable=True))
    # Alerts already queued get their destination; adapter deliveries keep the default.
    outbox = sa.table("outbox", sa.column("id", sa.String), sa.column("channel", sa.String),
                      sa.column("payload", sa.JSON), sa.column("destination", sa.String))
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(outbox.c.id, outbox.c.channel, outbox.c.payload)
        .where(outbox.c.channel != "adapter")
    ).all()
    for item_id, channel, payload in rows:
        conn.execute(
            outbox.update().where(outbox.c.id == item_id)
            .values(destination=destination_key(channel, payload or {}))
        )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.alter_column("destination", server_default=None)
        batch_op.create_index(
            "ix_outbox_destination",
            ["forum_id", "destination", "status", "next_attempt_at"], unique=False,
        )

    op.create_table(
        "outbox_destination",
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("pauses", sa.Integer(), nullable=False),
        sa.Column("paused_until", forumkit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("disabled_at", forumkit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("disabled_reason", sqlmodel.sql.sqltypes.AutoString(length=300),
                  nullable=True),
        sa.Column("last_error", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.ForeignKeyConstraint(["forum_id"], ["forum.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("forum_id", "key"),
    )


def downgrade() -> None:
    op.drop_table("outbox_destination")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_destination")
        batch_op.drop_column("dead_at")
        batch_op.drop_column("claimed_by")
        batch_op.drop_column("destination")
