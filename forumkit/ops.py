"""Operations: liveness, readiness (database reachable, schema at head), Prometheus metrics."""

from __future__ import annotations

import hmac
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from fastapi import APIRouter, Header, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy import text
from sqlalchemy.engine import Engine

from forumkit.db import session_scope
from forumkit.deps import ServicesDep
from forumkit.errors import Unauthorized, responses
from forumkit.outbox import service as outbox

if TYPE_CHECKING:
    from forumkit.registry import Registry

router = APIRouter(tags=["operations"])
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(database_url: str, registry: Registry | None = None) -> Config:
    """The core's revisions and each plugin's branch (the installed plugins, or those of
    `registry`), for this database."""
    from forumkit.registry import Registry as Installed

    plugins = (registry or Installed.discover()).plugins.values()
    folders = [MIGRATIONS / "versions"]
    folders += [p.migrations for p in plugins if p.migrations]
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", os.pathsep.join(str(f) for f in folders))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def schema_state(engine: Engine) -> tuple[set[str], set[str]]:
    """(revisions the database is stamped at, revisions not yet applied).

    Alembic stamps only the newest revision of each branch; a revision counts as applied
    when a stamped one descends from it or depends on it (plugin branches depend on the
    core), so the core's newest revision may be applied without being stamped.
    """
    scripts = ScriptDirectory.from_config(alembic_config(str(engine.url)))
    with engine.connect() as conn:
        current = set(MigrationContext.configure(conn).get_current_heads())
    applied: set[str] = set()
    stack = list(current)
    while stack:
        script = scripts.get_revision(stack.pop())
        if script is None or script.revision in applied:
            continue
        applied.add(script.revision)
        for needed in (*_ids(script.down_revision), *_ids(script.dependencies)):
            stack.extend(r.revision for r in scripts.get_revisions(needed) if r is not None)
    every = {script.revision for script in scripts.walk_revisions()}
    return current, every - applied


def _ids(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


@router.get("/healthz", summary="The process is alive")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="The database answers and its schema is current",
            responses={503: {"description": "Not ready; the body says why"}})
def readyz(app: ServicesDep) -> JSONResponse:
    try:
        with app.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        current, pending = schema_state(app.engine)
    except Exception as exc:
        return JSONResponse({"status": "unavailable", "database": repr(exc)[:200]}, 503)
    if pending:
        return JSONResponse(
            {"status": "migrations pending", "current": sorted(current),
             "pending": sorted(pending), "fix": "run: forumkit migrate"}, 503,
        )
    return JSONResponse({"status": "ready", "schema": sorted(current)})


@router.get("/metrics", summary="Prometheus metrics", response_class=Response,
            responses=responses(401))
def metrics(
    app: ServicesDep, authorization: Annotated[str, Header(max_length=500)] = ""
) -> Response:
    """Open unless FORUMKIT_METRICS_TOKEN is set; then the scraper sends it as a bearer
    token."""
    token = app.settings.metrics_token
    if token and not hmac.compare_digest(authorization.encode(), f"Bearer {token}".encode()):
        raise Unauthorized("metrics: send Authorization: Bearer <FORUMKIT_METRICS_TOKEN>")
    with session_scope(app.reader) as session:
        depth = outbox.depth(session)
    for status in ("pending", "delivered", "dead"):
        app.metrics.outbox_depth.labels(status).set(depth.get(status, 0))
    return Response(app.metrics.render(), media_type=CONTENT_TYPE_LATEST)
