"""New threads: a template for a ForumKit care feature, small enough to read in one go.

It keeps which threads were started (and by which member, to show erasure), answers how
many were started in the last days, can tell the moderators of each new thread, and
forgets threads after `keep_days`. Everything a plugin may provide is here: settings,
a table with its own Alembic branch, a route, a batch handler, a facet, a job and
`erase_member`. The core resolves the context (forum, settings, session, facets, time)
before any of this code runs and writes what it emits to the outbox when the work commits.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter
from sqlmodel import Session

from forumkit.context import PluginContext
from forumkit.facets import FacetKey, FacetProvider
from forumkit.forums.models import Forum
from forumkit.plugin import Batch, JobSpec, Plugin
from forumkit_new_threads import service
from forumkit_new_threads.facets import THREAD_IS_NEW
from forumkit_new_threads.settings import NewThreadsSettings


class NewThreadsPlugin(Plugin):
    name = "new_threads"
    title = "New threads"
    description = "Counts new threads and can tell the moderators of each."
    settings_model = NewThreadsSettings
    enabled_by_default = False  # an admin switches it on per forum
    migrations = Path(__file__).parent / "migrations"

    def router(self) -> APIRouter:
        from forumkit_new_threads.routes import router

        return router

    def handle_batch(self, batch: Batch, ctx: PluginContext[Any]) -> None:
        service.record_new_threads(ctx, batch)

    def jobs(self) -> list[JobSpec]:
        return [JobSpec("new_threads.forget", service.forget_old, seconds=3600)]

    def facets(self) -> dict[FacetKey, FacetProvider]:
        return {THREAD_IS_NEW: service.threads_seen}

    def erase_member(self, session: Session, forum: Forum, member_id: int) -> None:
        service.erase_member(session, member_id)
