"""What the content-warning routes and pages declare they need: the plugin's context on the
forum in the path (for a key or a signed-in viewer of a scope) and the taxonomy cache."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request

from forumkit.context import PluginContext
from forumkit.deps import ServicesDep, SessionDep, plugin_context
from forumkit.keys.models import Scope
from forumkit.plugins.content_warnings.settings import ContentWarningSettings
from forumkit.plugins.content_warnings.taxonomy import TaxonomyCache
from forumkit.web.deps import AdminPage, ModeratorPage, page_context

NAME = "content_warnings"
Context = PluginContext[ContentWarningSettings]


def taxonomy_cache(app: ServicesDep) -> TaxonomyCache:
    # The cache lives on this process's plugin instance, so each app (and each test's app)
    # has its own; the context does not carry the plugin, so it is found in the registry.
    cache: TaxonomyCache = app.registry.plugins[NAME].cache  # type: ignore[attr-defined]
    return cache


CacheDep = Annotated[TaxonomyCache, Depends(taxonomy_cache)]

# Routes: the read path only reads; label and preference changes write.
ReadContext = Annotated[Context, plugin_context(NAME, Scope.platform, read_only=True)]
PlatformContext = Annotated[Context, plugin_context(NAME, Scope.platform)]
ModeratorReadContext = Annotated[Context, plugin_context(NAME, Scope.moderator, read_only=True)]
ModeratorContext = Annotated[Context, plugin_context(NAME, Scope.moderator)]
AdminContext = Annotated[Context, plugin_context(NAME, Scope.admin)]

# Pages: a signed-in viewer of the scope. The core's page_context dependency cannot be used
# as it is: forumkit/web/deps.py postpones annotations, and its inner function's viewer
# annotation names the closure's `scope`, which FastAPI cannot evaluate, so it asks for a
# query parameter `viewer`. These two take the viewer themselves and hand over to the
# core's dependency, which still resolves the context and writes the emitted actions.
_admin_page = page_context(NAME, Scope.admin).dependency
_moderator_page = page_context(NAME, Scope.moderator).dependency


def admin_page_context(viewer: AdminPage, session: SessionDep,
                       request: Request) -> Iterator[Context]:
    yield from _admin_page(viewer=viewer, session=session, request=request)


def moderator_page_context(viewer: ModeratorPage, session: SessionDep,
                           request: Request) -> Iterator[Context]:
    yield from _moderator_page(viewer=viewer, session=session, request=request)


admin_page_context.forumkit_plugin = NAME  # type: ignore[attr-defined]
moderator_page_context.forumkit_plugin = NAME  # type: ignore[attr-defined]
AdminPageContext = Annotated[Context, Depends(admin_page_context, scope="function")]
ModeratorPageContext = Annotated[Context, Depends(moderator_page_context, scope="function")]
