"""Unanswered-post alerts: a peer window, then moderator alerts, escalation, and the queue.

Members get time to answer each other; a thread's first post left without a reply past its
subforum's window alerts the moderators (sooner for a new member's post), escalates while
it stays unanswered, and resolves by itself when someone replies.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel
from sqlmodel import Session

from forumkit.actions import Action
from forumkit.context import PluginContext
from forumkit.events import Event
from forumkit.facets import FacetKey, FacetProvider
from forumkit.forums.models import Forum
from forumkit.messages import texts_for
from forumkit.plugin import Batch, EventContext, JobSpec, Plugin
from forumkit.plugins.unanswered import fallback, handlers, jobs
from forumkit.plugins.unanswered import models as models
from forumkit.plugins.unanswered import repository as repo
from forumkit.plugins.unanswered import texts as texts  # declares its messages
from forumkit.plugins.unanswered.facets import POST_LABELS, THREAD_CARE_STATUS, THREAD_RESPONSE_MODE
from forumkit.plugins.unanswered.settings import UnansweredSettings


def _care_status(session: Session, forum: Forum, thread_ids: list[int]) -> dict[int, Any]:
    """Said only of threads whose alert a moderator has claimed or acknowledged."""
    assert forum.id is not None
    words = texts_for(session, forum).render("unanswered.care_status_claimed")
    return {t: words for t in repo.care_threads(session, forum.id, thread_ids)}


class Unanswered(Plugin):
    name = "unanswered"
    migrations = Path(__file__).parent / "migrations"
    title = "Unanswered-post alerts"
    description = ("Give members time to answer each other, then alert moderators about a "
                   "post left without a reply, escalate, and resolve when someone answers.")
    settings_model = UnansweredSettings

    def handle_batch(self, batch: Batch, ctx: PluginContext[Any]) -> None:
        """Each event in order, with the watches the batch touches read once for all."""
        if batch.importing:
            return  # history: nobody is waiting on it now
        # Without flushing before each query: what the plugin changes through the session
        # (watches' and alerts' states, steps) no query of its turn filters on, and what it
        # inserts it inserts at once, so the changes are written together after its turn.
        with repo.remembering_batch(ctx.session, batch), ctx.session.no_autoflush:
            super().handle_batch(batch, ctx)

    def handle(self, event: Event, ctx: EventContext) -> list[Action]:
        return handlers.handle(event, ctx)

    def jobs(self) -> list[JobSpec]:
        return [JobSpec("unanswered.fire", jobs.fire_due, jobs.INTERVAL_SECONDS),
                JobSpec("unanswered.later_labels", jobs.weigh_later_labels,
                        jobs.LABELS_INTERVAL_SECONDS),
                JobSpec("unanswered.fallback", jobs.send_fallbacks,
                        fallback.INTERVAL_SECONDS)]

    def router(self) -> APIRouter | None:
        from forumkit.plugins.unanswered.routes import router

        return router

    def pages(self) -> APIRouter | None:
        from forumkit.plugins.unanswered.pages import router

        return router

    def nav(self) -> list[tuple[str, str, str]]:
        return [("Alert queue", "alerts", "moderator"), ("Alert rules", "alerts/setup", "admin"),
                ("Response times", "alerts/stats", "admin")]

    def facets(self) -> dict[FacetKey, FacetProvider]:
        return {THREAD_CARE_STATUS: _care_status}

    def reads(self) -> list[FacetKey]:
        return [POST_LABELS, THREAD_RESPONSE_MODE]

    def alert_fields(self) -> type[BaseModel]:
        from forumkit.plugins.unanswered.schemas import AlertFields

        return AlertFields

    def erase_member(self, session: Session, forum: Forum, member_id: int) -> None:
        for watch in repo.watches_of_member(session, member_id):
            session.delete(watch)
        session.flush()
