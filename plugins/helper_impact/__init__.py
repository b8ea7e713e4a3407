"""Helper impact: helpers see the difference they made, and are looked after themselves.

Research on peer forums found helpers gain most from "tangible evidence of the impact that
helping was having", and that helpers who feel responsible for others' safety can be
harmed. This plugin keeps impact notes from the people helped, answers helper summaries
and sends a weekly digest, gently messages members who reply to many high-risk threads in
a short time (and shows moderators who they are), and collects members' feedback on the
forum for admins to answer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter
from sqlmodel import Session

from forumkit.actions import Action
from forumkit.context import PluginContext
from forumkit.events import Event
from forumkit.facets import FacetKey
from forumkit.forums.models import Forum
from forumkit.plugin import Batch, EventContext, JobSpec, Plugin
from forumkit.plugins.helper_impact import handlers, jobs, repository
from forumkit.plugins.helper_impact import texts as texts  # declares its messages
from forumkit.plugins.helper_impact.facets import (
    GRATITUDE_RECEIVERS,
    MEMBER_GRATITUDE,
    POST_LABELS,
    TEXT_LABELS,
    THREAD_CARE_STATUS,
)
from forumkit.plugins.helper_impact.models import (
    HelperImpactCareNotice,
    HelperImpactDigestRun,
    HelperImpactFeedback,
    HelperImpactNote,
    HelperImpactPreference,
)
from forumkit.plugins.helper_impact.settings import HelperImpactSettings

__all__ = [
    "HelperImpactCareNotice", "HelperImpactDigestRun", "HelperImpactFeedback",
    "HelperImpactNote", "HelperImpactPlugin", "HelperImpactPreference",
]


class HelperImpactPlugin(Plugin):
    name = "helper_impact"
    migrations = Path(__file__).parent / "migrations"
    title = "Helper impact and care"
    description = ("Notes from the people helped, helper summaries and a weekly digest, care "
                   "for helpers who carry a lot, and members' feedback on the forum.")
    settings_model = HelperImpactSettings

    def router(self) -> APIRouter:
        from forumkit.plugins.helper_impact.routes import router

        return router

    def pages(self) -> APIRouter:
        from forumkit.plugins.helper_impact.pages import router

        return router

    def nav(self) -> list[tuple[str, str, str]]:
        return [("Helper care", "helper-care", "moderator"),
                ("Member feedback", "feedback", "admin")]

    def handle_batch(self, batch: Batch, ctx: PluginContext[Any]) -> None:
        """Each event in order, with the first posts of the replies' threads read once."""
        with handlers.reading_batch(batch, ctx) as any_checked:
            if any_checked:
                super().handle_batch(batch, ctx)

    def handle(self, event: Event, ctx: EventContext) -> list[Action]:
        return handlers.handle(event, ctx)

    def jobs(self) -> list[JobSpec]:
        return jobs.job_specs()

    def reads(self) -> list[FacetKey]:
        return [GRATITUDE_RECEIVERS, MEMBER_GRATITUDE, POST_LABELS, TEXT_LABELS,
                THREAD_CARE_STATUS]

    def erase_member(self, session: Session, forum: Forum, member_id: int) -> None:
        assert forum.id is not None
        repository.erase_member(session, forum.id, member_id)
