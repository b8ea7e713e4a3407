"""risk alerts beside unanswered ones: a kind on watches and alerts, reasons, received_at

Revision ID: 0016_unanswered_risk
Revises: 0010_unanswered
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import forumkit.db

revision: str = "0016_unanswered_risk"
down_revision: str | None = "0010_unanswered"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The first revision left its unique constraints unnamed: PostgreSQL named them itself;
# on SQLite the batch copy names them by this convention so they can be dropped.
CONVENTION = {"uq": "uq_%(table_name)s_%(column_0_N_name)s"}


def _old_name(table: str, columns: str) -> str:
    if op.get_bind().dialect.name == "postgresql":
        return f"{table}_{columns}_key"
    return f"uq_{table}_{columns}"


def upgrade() -> None:
    with op.batch_alter_table("unanswered_watch", naming_convention=CONVENTION,
                              recreate="auto") as batch_op:
        batch_op.add_column(sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16),
                                      nullable=False, server_default="unanswered"))
        batch_op.add_column(sa.Column("received_at", forumkit.db.UTCDateTime(timezone=True),
                                      nullable=True))
        batch_op.drop_constraint(_old_name("unanswered_watch", "post_id"), type_="unique")
        batch_op.create_unique_constraint("uq_unanswered_watch_post_kind", ["post_id", "kind"])
    with op.batch_alter_table("unanswered_alert", naming_convention=CONVENTION,
                              recreate="auto") as batch_op:
        batch_op.add_column(sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16),
                                      nullable=False, server_default="unanswered"))
        batch_op.add_column(sa.Column("reasons", sa.JSON(), nullable=True))
        batch_op.drop_constraint(_old_name("unanswered_alert", "post_id_tier"), type_="unique")
        batch_op.create_unique_constraint("uq_unanswered_alert_post_kind_tier",
                                          ["post_id", "kind", "tier"])
    with op.batch_alter_table("unanswered_watch") as batch_op:
        batch_op.alter_column("kind", server_default=None)
    with op.batch_alter_table("unanswered_alert") as batch_op:
        batch_op.alter_column("kind", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("unanswered_alert") as batch_op:
        batch_op.drop_constraint("uq_unanswered_alert_post_kind_tier", type_="unique")
        batch_op.create_unique_constraint(None, ["post_id", "tier"])
        batch_op.drop_column("reasons")
        batch_op.drop_column("kind")
    with op.batch_alter_table("unanswered_watch") as batch_op:
        batch_op.drop_constraint("uq_unanswered_watch_post_kind", type_="unique")
        batch_op.create_unique_constraint(None, ["post_id"])
        batch_op.drop_column("received_at")
        batch_op.drop_column("kind")
