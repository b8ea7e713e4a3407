"""A plugin used by the core's tests: it asks moderators to look at each new first post.

It stands in for the care plugins so the core's contract (handlers, actions, settings,
jobs) is tested on its own, the way a third-party plugin would use it.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from forumkit.actions import NOTIFY_MODERATORS, Action
from forumkit.context import PluginContext
from forumkit.deps import plugin_context
from forumkit.events import Event, PostCreated
from forumkit.facets import Facet
from forumkit.keys.models import Scope
from forumkit.plugin import Batch, EventContext, JobContext, JobSpec, Plugin
from forumkit.web.deps import page_context

# A facet: which posts the watch plugin has seen.
WATCHED = Facet("post.watched_for_test", bool | None, default=None)


class WatchSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    message: str = Field(default="A new thread was started", min_length=1, max_length=200)
    threshold: int = Field(default=1, ge=1, le=10, description="Alert from this many posts on")


WatchModerator = Annotated[PluginContext[WatchSettings], plugin_context("watch", Scope.moderator)]
WatchReader = Annotated[PluginContext[WatchSettings],
                        plugin_context("watch", Scope.platform, read_only=True)]
watch_router = APIRouter()


@watch_router.get("/watch/settings")
def read_settings(ctx: WatchReader) -> dict[str, Any]:
    return {"forum": ctx.forum.slug, "settings": ctx.settings.model_dump(),
            "watched": ctx.facets.get(WATCHED, ctx.session, ctx.forum, [1, 2])}


@watch_router.get("/watch/broken")
def broken(ctx: WatchReader) -> dict[str, str]:
    raise RuntimeError("a bug the tests put here on purpose")


@watch_router.post("/watch/ping")
def ping(ctx: WatchModerator) -> dict[str, str]:
    ctx.emit([Action(kind=NOTIFY_MODERATORS, payload={"text": ctx.settings.message})])
    return {"by": ctx.actor}


@watch_router.post("/watch/ping-while-reading")
def ping_while_reading(ctx: WatchReader) -> dict[str, str]:
    ctx.emit([Action(kind=NOTIFY_MODERATORS, payload={"text": "seen while reading"})])
    return {"by": ctx.actor}


watch_pages = APIRouter()


@watch_pages.get("/watch/broken")
def broken_page(ctx: Annotated[PluginContext[WatchSettings],
                               page_context("watch", Scope.moderator)]) -> None:
    raise RuntimeError("a bug the tests put here on purpose")


class PluginForTests(Plugin):
    """A plugin of the tests': it keeps nothing of members, so erasing one is a no-op."""

    def erase_member(self, session: Any, forum: Any, member_id: int) -> None:
        return None


class WatchNewThreads(PluginForTests):
    name = "watch"
    title = "Watch new threads"
    settings_model = WatchSettings
    job_runs: list[dict[int, str]] = []

    def router(self) -> APIRouter:
        return watch_router

    def pages(self) -> APIRouter:
        return watch_pages

    watched_asks: list[list[int]] = []

    def facets(self) -> dict[Any, Any]:
        return {WATCHED: self.watched}

    def watched(self, session: Any, forum: Any, ids: list[int]) -> dict[int, bool]:
        self.watched_asks.append(list(ids))
        return {i: True for i in ids if i == 1}

    def jobs(self) -> list[JobSpec]:
        return [JobSpec("watch.sweep", self.sweep, seconds=60)]

    def sweep(self, job: JobContext) -> None:
        with job.forums() as forums:
            self.job_runs.append({i: ctx.forum.slug for i, ctx in forums.items()})
            for ctx in forums.values():
                ctx.emit([Action(kind=NOTIFY_MODERATORS, payload={"text": "swept"})])

    def handle(self, event: Event, ctx: EventContext) -> list[Action]:
        if not isinstance(event, PostCreated) or not ctx.created:
            return []
        if not event.post.is_first_in_thread:
            return []
        return [
            Action(
                kind=NOTIFY_MODERATORS,
                payload={"text": ctx.settings.message, "post_id": event.post.id,
                         "thread_id": event.post.thread_id},
                dedupe_key=f"watch:{event.post.id}",
            )
        ]


class Heartbeat(PluginForTests):
    """A plugin with one scheduled job, to see plugin jobs run under the scheduler."""

    name = "heartbeat"
    enabled_by_default = False
    beats: list[str] = []

    def jobs(self) -> list[JobSpec]:
        return [JobSpec("heartbeat.beat", lambda ctx: self.beats.append(ctx.now.isoformat()),
                        seconds=0.2)]


class BatchRecorder(PluginForTests):
    """A plugin that keeps what each call of its batch handler received."""

    name = "recorder"
    batches: list[list[tuple[str, str | None, bool]]] = []
    watched: list[bool | None] = []

    def reads(self) -> list[Any]:
        return [WATCHED]

    def handle_batch(self, batch: Batch, ctx: PluginContext[Any]) -> None:
        self.batches.append([
            (item.event.id, item.post.ext_id if item.post else None, item.created)
            for item in batch.items
        ])
        for item in batch.items:
            if item.post is not None and item.post.id is not None:
                self.watched.append(ctx.facets.one(WATCHED, ctx.session, ctx.forum,
                                                   item.post.id))
