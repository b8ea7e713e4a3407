"""The plugin's API, mounted under /v1/forums/{forum}/. Each route takes its context:
the core answers 401/403/404 (and the same 404 when the plugin is off) before it runs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from forumkit.context import PluginContext
from forumkit.deps import plugin_context
from forumkit.keys.models import Scope
from forumkit_new_threads import service
from forumkit_new_threads.settings import NewThreadsSettings

Reader = Annotated[PluginContext[NewThreadsSettings],
                   plugin_context("new_threads", Scope.moderator, read_only=True)]
router = APIRouter(tags=["new threads"])


class Count(BaseModel):
    days: int
    started: int


@router.get("/new-threads/count", response_model=Count)
def count(ctx: Reader, days: Annotated[int, Query(ge=1, le=365)] = 7) -> Count:
    """How many threads were started in the last `days` days."""
    return Count(days=days, started=service.count_since(ctx, days))
