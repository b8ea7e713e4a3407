"""`column IN (a list)` with the list bound as one parameter, so the statement's text is the
same whatever the list's length.

SQLAlchemy's expanding IN writes a placeholder per value: each call renders the statement
again, the driver converts it again, and PostgreSQL plans it again. The read path asks with
pages of up to 200 ids many times a second, so here the list travels as one value: an
array compared with `= ANY` on PostgreSQL, a JSON array read with `json_each` on SQLite.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Boolean, String, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.type_api import TypeEngine
from sqlalchemy.sql.visitors import InternalTraversal
from sqlalchemy.types import TypeDecorator


class _TextList(TypeDecorator[Sequence[str]]):
    """A list of strings as one bound value: an array on PostgreSQL, JSON elsewhere."""

    impl = String
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(ARRAY(String()))
        return dialect.type_descriptor(String())

    def process_bind_param(self, value: Sequence[str] | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        return list(value) if dialect.name == "postgresql" else json.dumps(list(value))


class InList(ColumnElement[bool]):
    """True where `column` is one of the strings bound under `name`."""

    inherit_cache = True
    type = Boolean()
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement),
                           ("values", InternalTraversal.dp_clauseelement)]

    def __init__(self, column: ColumnElement[Any], name: str) -> None:
        self.column = column
        self.values = bindparam(name, type_=_TextList())

    def self_group(self, against: Any = None) -> ColumnElement[Any]:
        # A predicate already: used in a WHERE as it is, never compared with 1 (SQLite).
        return self


def in_list(column: Any, name: str) -> InList:
    return InList(column, name)


@compiles(InList)
def _in_json_array(element: InList, compiler: SQLCompiler, **kw: Any) -> str:
    return (f"{compiler.process(element.column, **kw)} IN "
            f"(SELECT value FROM json_each({compiler.process(element.values, **kw)}))")


@compiles(InList, "postgresql")
def _equals_any(element: InList, compiler: SQLCompiler, **kw: Any) -> str:
    return (f"{compiler.process(element.column, **kw)} = "
            f"ANY({compiler.process(element.values, **kw)})")
