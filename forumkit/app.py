"""The application factory: routes of the core and of each plugin, middleware, scheduler."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.staticfiles import StaticFiles

from forumkit import __version__, api_docs, errors, ops, published, scheduler
from forumkit.forums.routes import router as forums_router
from forumkit.ingest.routes import router as ingest_router
from forumkit.messages.routes import router as messages_router
from forumkit.middleware import BodyLimit, RequestMetrics, SecurityHeaders, Shedding
from forumkit.mirror.routes import router as members_router
from forumkit.plugin import Plugin
from forumkit.registry import RegistryError
from forumkit.services import Services
from forumkit.settings import Settings, get_settings
from forumkit.web.errors import error_page

DESCRIPTION = """
ForumKit gives peer-support forums the care features research found to matter:
content warnings, diary posts and response control, alerts for unanswered posts,
gratitude, helper feedback. Platforms send events and ask read-path questions with a
`platform` key; moderators and admins use `moderator` and `admin` keys.
"""


def create_app(
    settings: Settings | None = None,
    *,
    services: Services | None = None,
    run_scheduler: bool | None = None,
) -> FastAPI:
    settings = settings or (services.settings if services else get_settings())
    app_services = services or Services.build(settings)
    scheduled = settings.run_scheduler if run_scheduler is None else run_scheduler

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        job_runner = scheduler.start(app_services) if scheduled else None
        try:
            yield
        finally:
            if job_runner is not None:
                job_runner.shutdown(wait=True)
            if services is None:
                app_services.close()

    # /docs is served from local files (forumkit/api_docs.py); ReDoc would load from the
    # internet, so it is off.
    app = FastAPI(
        title="ForumKit", version=__version__, description=DESCRIPTION, lifespan=lifespan,
        docs_url=None, redoc_url=None, openapi_tags=_tags(app_services),
    )
    app.state.services = app_services
    errors.install(app, page=error_page)
    errors.document_body_errors(app)
    api_docs.install(app)
    published.install(app)
    app.include_router(ops.router)
    app.include_router(ingest_router)
    app.include_router(forums_router)
    app.include_router(messages_router)
    app.include_router(members_router)
    for plugin in app_services.registry.plugins.values():
        plugin_router = plugin.router()
        if plugin_router is not None:
            behind_context(plugin, plugin_router)
            # Included straight into the app: each router level is one more step of route
            # matching on every request, the read path's included.
            app.include_router(plugin_router, prefix="/v1/forums/{forum}", tags=[plugin.name])
    _mount_pages(app, app_services)
    app.add_middleware(errors.CatchAll, page=error_page)
    app.add_middleware(Shedding)
    app.add_middleware(RequestMetrics)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders, https=settings.public_url.startswith("https://"))
    return app


# The sections of /docs, in this order, each with a line on what it holds.
CORE_TAGS = [
    {"name": "ingest", "description": "The forum's events: its own webhooks, or ForumKit's "
     "native events (platform key)"},
    {"name": "admin", "description": "Forums (connected with the operator key), keys, care "
     "features on or off and their settings, messages, the audit log and the outbox"},
    {"name": "members", "description": "A member's data, erased on request (platform key)"},
    {"name": "operations", "description": "Health, readiness and metrics of the service"},
]


def _tags(services: Services) -> list[dict[str, str]]:
    """The core's sections, then one a care feature: its title and what it does."""
    described = [(p.name, ". ".join(part for part in (p.title, p.description) if part))
                 for p in services.registry.plugins.values()]
    return CORE_TAGS + [{"name": name, "description": text} for name, text in described if text]


def _mount_pages(app: FastAPI, services: Services) -> None:
    from forumkit.web.deliveries import router as deliveries_router
    from forumkit.web.routes import router as pages_router
    from forumkit.web.throttle import SignInThrottle

    settings = services.settings
    app.state.sign_in_throttle = SignInThrottle(
        services.clock, per_address=settings.sign_in_failures_per_address,
        overall=settings.sign_in_failures_overall,
        window=timedelta(seconds=settings.sign_in_window_seconds),
    )
    static = Path(__file__).parent / "web" / "static"
    app.mount("/ui/static", StaticFiles(directory=static), name="ui-static")
    app.include_router(pages_router)
    app.include_router(deliveries_router)
    for plugin in services.registry.plugins.values():
        # A plugin's own styles and scripts, beside its templates: never inline (see the CSP).
        plugin_static = Path(inspect.getfile(type(plugin))).parent / "static"
        if plugin_static.is_dir():
            app.mount(f"/ui/plugins/{plugin.name}/static", StaticFiles(directory=plugin_static),
                      name=f"{plugin.name}-static")
        plugin_pages = plugin.pages()
        if plugin_pages is not None:
            behind_context(plugin, plugin_pages)
            app.include_router(plugin_pages, prefix="/ui/forums/{forum}",
                               include_in_schema=False)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/ui/", status_code=307)


def behind_context(plugin: Plugin, router: APIRouter) -> None:
    """Every route a plugin mounts must take its plugin context, so that a plugin switched
    off for a forum answers the same 404 on all of them; a route that does not stops
    start-up."""
    for context in iter_route_contexts(router.routes):
        route = context.original_route
        if isinstance(route, APIRoute) and not _takes_context(route.dependant, plugin.name):
            raise RegistryError(
                f"route {route.path} of plugin {plugin.name!r} does not take its plugin "
                "context (forumkit.deps.plugin_context or forumkit.web.deps.page_context)"
            )


def _takes_context(dependant: Dependant, plugin: str) -> bool:
    return any(getattr(d.call, "forumkit_plugin", None) == plugin
               or _takes_context(d, plugin) for d in dependant.dependencies)
