"""Operations: liveness, readiness (database reachable, schema at head), Prometheus metrics."""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy import text
from sqlalchemy.engine import Engine

from forumkit.db import session_scope
from forumkit.deps import ServicesDep
from forumkit.outbox import service as outbox

router = APIRouter(tags=["operations"])
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def schema_state(engine: Engine) -> tuple[set[str], set[str]]:
    """(revisions the database is at, revisions at head)."""
    heads = set(ScriptDirectory.from_config(alembic_config(str(engine.url))).get_heads())
    with engine.connect() as conn:
        current = set(MigrationContext.configure(conn).get_current_heads())
    return current, heads


@router.get("/healthz", summary="The process is alive")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="The database answers and its schema is current",
            responses={503: {"description": "Not ready; the body says why"}})
def readyz(app: ServicesDep) -> JSONResponse:
    try:
        with app.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        current, heads = schema_state(app.engine)
    except Exception as exc:
        return JSONResponse({"status": "unavailable", "database": repr(exc)[:200]}, 503)
    if current != heads:
        return JSONResponse(
            {"status": "migrations pending", "current": sorted(current), "head": sorted(heads),
             "fix": "run: forumkit migrate"}, 503,
        )
    return JSONResponse({"status": "ready", "schema": sorted(current)})


@router.get("/metrics", summary="Prometheus metrics", response_class=Response)
def metrics(app: ServicesDep) -> Response:
    with session_scope(app.reader) as session:
        depth = outbox.depth(session)
    for status in ("pending", "delivered", "dead"):
        app.metrics.outbox_depth.labels(status).set(depth.get(status, 0))
    return Response(app.metrics.render(), media_type=CONTENT_TYPE_LATEST)
