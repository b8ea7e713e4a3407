"""helper impact: notes, preferences, care notices, digest runs, feedback

Revision ID: 0012_helper_impact
Revises: (a branch of its own, on the core)
Create Date: 2026-11-28 20:26:40.761922
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import forumkit.db

revision: str = "0012_helper_impact"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("helper_impact",)
depends_on: str | Sequence[str] | None = "0007_web_sessions"

String = sqlmodel.sql.sqltypes.AutoString
When = forumkit.db.UTCDateTime


def _forum() -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["forum_id"], ["forum.id"], ondelete="CASCADE")


def _member(column: str = "member_id") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], ["member.id"], ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "helper_impact_digest_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("week", String(length=10), nullable=False),
        sa.Column("helpers", sa.Integer(), nullable=False),
        sa.Column("ran_at", When(timezone=True), nullable=False),
        _forum(),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("forum_id", "week"),
    )
    op.create_table(
        "helper_impact_care_notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("window_key", sa.Integer(), nullable=False),
        sa.Column("threads", sa.Integer(), nullable=False),
        sa.Column("sent_at", When(timezone=True), nullable=False),
        _forum(),
        _member(),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("member_id", "window_key"),
    )
    with op.batch_alter_table("helper_impact_care_notice", schema=None) as batch_op:
        batch_op.create_index(
            "ix_helper_impact_care_notice_forum_sent", ["forum_id", "sent_at"], unique=False
        )

    op.create_table(
        "helper_impact_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("text", String(length=2000), nullable=False),
        sa.Column("created_at", When(timezone=True), nullable=False),
        sa.Column("answer", String(length=2000), nullable=True),
        sa.Column("answered_at", When(timezone=True), nullable=True),
        sa.Column("answered_by", String(length=64), nullable=True),
        _forum(),
        _member(),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("helper_impact_feedback", schema=None) as batch_op:
        batch_op.create_index(
            "ix_helper_impact_feedback_forum_created", ["forum_id", "created_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_helper_impact_feedback_member_id"), ["member_id"], unique=False
        )

    op.create_table(
        "helper_impact_preference",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.Boolean(), nullable=False),
        sa.Column("note_messages", sa.Boolean(), nullable=False),
        sa.Column("updated_at", When(timezone=True), nullable=False),
        _forum(),
        _member(),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("member_id"),
    )
    op.create_table(
        "helper_impact_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("helper_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("text", String(length=500), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("public", sa.Boolean(), nullable=False),
        sa.Column("labels", sa.JSON(), nullable=False),
        sa.Column("created_at", When(timezone=True), nullable=False),
        _forum(),
        _member("author_id"),
        _member("helper_id"),
        sa.ForeignKeyConstraint(["post_id"], ["post.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("post_id", "author_id"),
    )
    with op.batch_alter_table("helper_impact_note", schema=None) as batch_op:
        batch_op.create_index("ix_helper_impact_note_author", ["author_id"], unique=False)
        batch_op.create_index(
            "ix_helper_impact_note_helper", ["helper_id", "created_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("helper_impact_note", schema=None) as batch_op:
        batch_op.drop_index("ix_helper_impact_note_helper")
        batch_op.drop_index("ix_helper_impact_note_author")
    op.drop_table("helper_impact_note")
    op.drop_table("helper_impact_preference")
    with op.batch_alter_table("helper_impact_feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_helper_impact_feedback_member_id"))
        batch_op.drop_index("ix_helper_impact_feedback_forum_created")
    op.drop_table("helper_impact_feedback")
    with op.batch_alter_table("helper_impact_care_notice", schema=None) as batch_op:
        batch_op.drop_index("ix_helper_impact_care_notice_forum_sent")
    op.drop_table("helper_impact_care_notice")
    op.drop_table("helper_impact_digest_run")
