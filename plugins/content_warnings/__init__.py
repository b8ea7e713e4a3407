"""Content warnings: labels on posts, readers' show / blur / hide choices, render hints,
and suggestions of labels and of kinder wording.

Readers in the research re-lived trauma when they met a relatable story without warning,
and asked for posts to be tagged "so you know there's a trigger in there". Authors,
moderators and a suggester label posts; each reader chooses per label what they see.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter
from sqlmodel import Session, col, delete, select, update

from forumkit.actions import Action
from forumkit.context import PluginContext
from forumkit.events import Event, PostCreated, PostEdited
from forumkit.facets import FacetKey, FacetProvider
from forumkit.forums.models import Forum
from forumkit.mirror.models import Post
from forumkit.plugin import Batch, EventContext, Plugin
from forumkit.plugins.content_warnings import handlers, models, repository, service
from forumkit.plugins.content_warnings import texts as texts  # declares its messages
from forumkit.plugins.content_warnings.facets import (
    POST_LABELS,
    TEXT_LABELS,
    THREAD_RESPONSE_MODE,
)
from forumkit.plugins.content_warnings.settings import ContentWarningSettings
from forumkit.plugins.content_warnings.taxonomy import TaxonomyCache

assert models  # the tables register on import


class ContentWarnings(Plugin):
    name = "content_warnings"
    migrations = Path(__file__).parent / "migrations"
    title = "Content warnings"
    description = ("Labels on posts (from authors, moderators and suggestions), each reader's "
                   "show / blur / hide choice per label, and kinder-wording suggestions.")
    settings_model = ContentWarningSettings

    def __init__(self) -> None:
        self.cache = TaxonomyCache()

    def router(self) -> APIRouter:
        from forumkit.plugins.content_warnings.admin_routes import router as admin
        from forumkit.plugins.content_warnings.routes import router as platform

        combined = APIRouter()
        combined.include_router(platform)
        combined.include_router(admin)
        return combined

    def pages(self) -> APIRouter:
        from forumkit.plugins.content_warnings.pages import router as pages

        return pages

    def nav(self) -> list[tuple[str, str, str]]:
        return [("Content warnings", "content-warnings", "admin"),
                ("Suggested labels", "content-warnings/suggestions", "moderator")]

    def handle_batch(self, batch: Batch, ctx: PluginContext[Any]) -> None:
        """Each event in order, with the labels of the batch's posts read once for all."""
        posts = [item.post.id for item in batch.items if item.post is not None and item.post.id
                 and isinstance(item.event, PostCreated | PostEdited)]
        if not posts:
            return  # only new and edited posts are labelled
        # Without flushing before each query: the label rows it changes through the session
        # no query of its turn filters on (rows are inserted at once, history is only
        # added), so the changes are written together after its turn.
        with repository.remembering_post_labels(ctx.session, dict.fromkeys(posts)), \
                ctx.session.no_autoflush:
            super().handle_batch(batch, ctx)

    def handle(self, event: Event, ctx: EventContext) -> list[Action]:
        return handlers.handle(event, ctx, self.cache)

    def reads(self) -> list[FacetKey]:
        return [THREAD_RESPONSE_MODE]

    def facets(self) -> dict[FacetKey, FacetProvider]:
        def post_labels(session: Session, forum: Forum, ids: list[int]) -> dict[int, Any]:
            return service.post_labels(session, forum, ids, self.cache)

        def text_labels(session: Session, forum: Forum, text: str, *,
                        settings: ContentWarningSettings) -> list[dict[str, Any]]:
            return service.text_labels(session, forum, text, self.cache, settings)

        return {POST_LABELS: post_labels, TEXT_LABELS: text_labels}

    def erase_member(self, session: Session, forum: Forum, member_id: int) -> None:
        posts = select(Post.id).where(Post.author_id == member_id)
        session.execute(delete(models.CwPreference)
                        .where(col(models.CwPreference.member_id) == member_id))
        session.execute(delete(models.CwPostLabel)
                        .where(col(models.CwPostLabel.post_id).in_(posts)))
        session.execute(delete(models.CwHistory).where(col(models.CwHistory.post_id).in_(posts)))
        # Their changes to other people's posts stay in the history, no longer traceable.
        session.execute(update(models.CwHistory)
                        .where(col(models.CwHistory.actor_member_id) == member_id)
                        .values(actor="erased", actor_member_id=None))
        session.execute(update(models.CwPostLabel)
                        .where(col(models.CwPostLabel.actor) == f"member:{member_id}")
                        .values(actor="erased"))
