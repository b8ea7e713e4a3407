"""No database work on the event loop: an `async def` route or dependency never takes a
database session (it would block every other request while it waits on the database, and
on SQLite a read-write session holds the write lock)."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from forumkit.deps import SessionDep, get_read_session, get_session
from tests.support.routes import api_routes

SESSIONS = {get_session, get_read_session}


def _async_users_of_sessions(dependant: Dependant, path: list[str]) -> Iterator[str]:
    call: Any = dependant.call
    here = [*path, getattr(call, "__qualname__", repr(call))] if call else path
    if call is not None and inspect.iscoroutinefunction(call):
        if any(d.call in SESSIONS for d in _all(dependant)):
            yield " -> ".join(here)
    for sub in dependant.dependencies:
        yield from _async_users_of_sessions(sub, here)


def _all(dependant: Dependant) -> Iterator[Dependant]:
    for sub in dependant.dependencies:
        yield sub
        yield from _all(sub)


def test_no_async_route_or_dependency_takes_a_database_session(app_for_tests: FastAPI) -> None:
    routes = list(api_routes(app_for_tests))
    assert len(routes) > 50 and any(r.path.startswith("/ui/forums/{forum}/") for r in routes)
    offenders = [
        f"{sorted(route.methods)} {route.path}: {found}"
        for route in routes for found in _async_users_of_sessions(route.dependant, [])
    ]
    assert offenders == []


def test_the_check_finds_an_async_route_that_takes_a_session() -> None:
    app = FastAPI()

    @app.get("/bad")
    async def bad(session: SessionDep) -> None:
        return None

    [route] = [r for r in app.routes if isinstance(r, APIRoute)]
    assert list(_async_users_of_sessions(route.dependant, [])) != []
