"""post imported: posts that came in an import of history

Revision ID: 0017_post_imported
Revises: 0016_message_catalogue
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017_post_imported"
down_revision: str | None = "0016_message_catalogue"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN, with a default for the rows there: on SQLite, changing the column
    # afterwards would copy the post table, and dropping the old copy would cascade.
    op.add_column("post", sa.Column("imported", sa.Boolean(), nullable=False,
                                    server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("post", schema=None) as batch_op:
        batch_op.drop_column("imported")
