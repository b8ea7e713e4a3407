"""What the database still holds of a member: every column that refers to a member, found
from the schema, so a plugin that adds a table is checked without changing the tests."""

from __future__ import annotations

from sqlalchemy import Column, Table, func, select
from sqlmodel import Session

from forumkit.models import metadata


def member_columns() -> list[tuple[Table, Column]]:
    return [(table, column) for table in metadata().metadata.sorted_tables
            for column in table.columns
            if any(fk.column.table.name == "member" for fk in column.foreign_keys)]


def held(session: Session, member_id: int) -> dict[str, int]:
    """How many rows of each table.column refer to the member; empty when none."""
    counts = {}
    for table, column in member_columns():
        found = session.execute(select(func.count()).select_from(table)
                                .where(column == member_id)).scalar_one()
        if found:
            counts[f"{table.name}.{column.name}"] = found
    return counts
