"""Response modes: diary posts, reactions only, replies held until later, moderators only.

Members choose how their thread takes responses; platforms ask before accepting a reply
(`GET permissions`), and where they cannot, a reply against the mode is hidden after the
fact with a kind note to its writer. Posts nobody is expected to answer still reach
moderators quietly when they carry a high-risk content warning.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter
from sqlmodel import Session

from forumkit.actions import Action
from forumkit.context import PluginContext
from forumkit.events import Event, PostCreated, PostEdited
from forumkit.facets import FacetKey, FacetProvider
from forumkit.forums.models import Forum
from forumkit.plugin import Batch, EventContext, JobSpec, Plugin
from forumkit.plugins.response_modes import handlers, jobs, models, repository, service
from forumkit.plugins.response_modes import texts as texts  # declares its messages
from forumkit.plugins.response_modes.facets import (
    POST_LABELS,
    THREAD_PERMISSIONS,
    THREAD_RESPONSE_MODE,
)
from forumkit.plugins.response_modes.settings import ResponseModesSettings

__all__ = ["ResponseModes", "models"]


class ResponseModes(Plugin):
    name = "response_modes"
    migrations = Path(__file__).parent / "migrations"
    title = "Response modes"
    description = (
        "Diary posts, reactions only, replies held until later or from moderators only: "
        "members choose how their threads take responses."
    )
    settings_model = ResponseModesSettings

    def router(self) -> APIRouter:
        from forumkit.plugins.response_modes.routes import router

        return router

    def handle_batch(self, batch: Batch, ctx: PluginContext[Any]) -> None:
        """Each event in order, with the modes the batch touches read once for all."""
        if not any(isinstance(item.event, PostCreated | PostEdited) for item in batch.items):
            return  # nothing else changes a mode or is checked against one
        with repository.remembering_batch(ctx.session, ctx.forum_id, batch):
            super().handle_batch(batch, ctx)

    def handle(self, event: Event, ctx: EventContext) -> list[Action]:
        return handlers.handle(event, ctx)

    def jobs(self) -> list[JobSpec]:
        return jobs.jobs()

    def facets(self) -> dict[FacetKey, FacetProvider]:
        return {
            THREAD_RESPONSE_MODE: service.modes_facet,
            THREAD_PERMISSIONS: service.permissions_facet,
        }

    def reads(self) -> list[FacetKey]:
        return [POST_LABELS]

    def erase_member(self, session: Session, forum: Forum, member_id: int) -> None:
        assert forum.id is not None
        repository.erase_member(session, forum.id, member_id)
