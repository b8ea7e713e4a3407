"""One compiled-statement cache per database backend for the whole test run.

SQLAlchemy keeps the SQL it compiled per engine, keyed by the engine's dialect. Tests make
fresh engines all the time (a database per test), so each would compile every statement
again: a tenth of the suite's time. Engines of one backend made through
`forumkit.db.make_engine` here share the first one's dialect and cache; the statements and
what they do are the same."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

import forumkit.db

_MADE: dict[str, list[Engine]] = {}


def share_compiled_statements() -> None:
    made = forumkit.db.create_engine

    def create_engine(url: Any, **kwargs: Any) -> Engine:
        engine = made(url, **kwargs)
        engines = _MADE.setdefault(make_url(url).get_backend_name(), [])
        # A dialect learns the server's version on its engine's first connection: share
        # only one that has, or this engine's own would never learn it.
        ready = next((e for e in engines if e.dialect.server_version_info is not None), None)
        if ready is None:
            engines.append(engine)
        else:
            engine.dialect = ready.dialect
            engine._compiled_cache = ready._compiled_cache  # type: ignore[attr-defined]
        return engine

    forumkit.db.create_engine = create_engine  # type: ignore[assignment]
