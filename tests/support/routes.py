"""Every API route of an app with its full path, however its routers were included."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts


@dataclass
class Found:
    path: str
    methods: set[str]
    dependant: Dependant
    route: APIRoute


def api_routes(app: FastAPI) -> Iterator[Found]:
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if not isinstance(route, APIRoute):
            continue
        dependant = getattr(context, "dependant", None) or route.dependant
        yield Found(context.path or route.path, set(context.methods or route.methods),
                    dependant, route)
