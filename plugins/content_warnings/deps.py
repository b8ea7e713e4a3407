"""What the content-warning routes and pages declare they need: the plugin's context on the
forum in the path (for a key or a signed-in viewer of a scope) and the taxonomy cache."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from forumkit.context import PluginContext
from forumkit.deps import ServicesDep, plugin_context
from forumkit.keys.models import Scope
from forumkit.plugins.content_warnings.settings import ContentWarningSettings
from forumkit.plugins.content_warnings.taxonomy import TaxonomyCache
from forumkit.web.deps import page_context

NAME = "content_warnings"
Context = PluginContext[ContentWarningSettings]


async def taxonomy_cache(app: ServicesDep) -> TaxonomyCache:
    # The cache lives on this process's plugin instance, so each app (and each test's app)
    # has its own; the context does not carry the plugin, so it is found in the registry.
    # async: it only reads app state, and a plain `def` would cost a hand-off to a thread.
    cache: TaxonomyCache = app.registry.plugins[NAME].cache  # type: ignore[attr-defined]
    return cache


CacheDep = Annotated[TaxonomyCache, Depends(taxonomy_cache)]

# Routes: the read path only reads; label and preference changes write.
ReadContext = Annotated[Context, plugin_context(NAME, Scope.platform, read_only=True)]
PlatformContext = Annotated[Context, plugin_context(NAME, Scope.platform)]
ModeratorReadContext = Annotated[Context, plugin_context(NAME, Scope.moderator, read_only=True)]
ModeratorContext = Annotated[Context, plugin_context(NAME, Scope.moderator)]
AdminContext = Annotated[Context, plugin_context(NAME, Scope.admin)]

# Pages: a signed-in viewer of the scope.
AdminPageContext = Annotated[Context, page_context(NAME, Scope.admin)]
ModeratorPageContext = Annotated[Context, page_context(NAME, Scope.moderator)]
