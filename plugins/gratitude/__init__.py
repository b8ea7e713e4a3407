"""Gratitude reactions: easy, non-text thanks (emoji and a few words) on posts.

Research on peer forums found thanks are what keeps helpers going. Each forum has its own
set of reactions; one of each kind per member per post; never on one's own post; platform
reactions (a "like") count as gratitude where the forum says so; counts can be shown to
everyone or only to the post's author.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from sqlmodel import Session

from forumkit.actions import Action
from forumkit.events import Event
from forumkit.facets import FacetKey, FacetProvider
from forumkit.forums.models import Forum
from forumkit.plugin import EventContext, Plugin
from forumkit.plugins.gratitude import handlers, repository, service
from forumkit.plugins.gratitude import texts as texts  # declares its messages
from forumkit.plugins.gratitude.facets import (
    GRATITUDE_RECEIVERS,
    MEMBER_GRATITUDE,
    POST_GRATITUDE,
    THREAD_PERMISSIONS,
)
from forumkit.plugins.gratitude.models import GratitudeReaction
from forumkit.plugins.gratitude.settings import GratitudeSettings

__all__ = ["GratitudePlugin", "GratitudeReaction"]


class GratitudePlugin(Plugin):
    name = "gratitude"
    migrations = Path(__file__).parent / "migrations"
    title = "Gratitude reactions"
    description = ("Emoji reactions members give to say thank you; one of each kind per "
                   "member per post, never on their own post.")
    settings_model = GratitudeSettings

    def router(self) -> APIRouter:
        from forumkit.plugins.gratitude.routes import router

        return router

    def pages(self) -> APIRouter:
        from forumkit.plugins.gratitude.pages import router

        return router

    def nav(self) -> list[tuple[str, str, str]]:
        return [("Gratitude", "gratitude", "admin")]

    def handle(self, event: Event, ctx: EventContext) -> list[Action]:
        return handlers.handle(event, ctx)

    def facets(self) -> dict[FacetKey, FacetProvider]:
        return {
            POST_GRATITUDE: service.post_gratitude,
            MEMBER_GRATITUDE: service.member_gratitude,
            GRATITUDE_RECEIVERS: service.gratitude_receivers,
        }

    def reads(self) -> list[FacetKey]:
        return [THREAD_PERMISSIONS]

    def erase_member(self, session: Session, forum: Forum, member_id: int) -> None:
        assert forum.id is not None
        repository.erase_member(session, forum.id, member_id)
