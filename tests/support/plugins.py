"""A plugin used by the core's tests: it asks moderators to look at each new first post.

It stands in for the care plugins so the core's contract (handlers, actions, settings,
jobs) is tested on its own, the way a third-party plugin would use it.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from forumkit.actions import NOTIFY_MODERATORS, Action
from forumkit.events import Event, PostCreated
from forumkit.plugin import EventContext, JobSpec, Plugin


class WatchSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    message: str = Field(default="A new thread was started", min_length=1, max_length=200)
    threshold: int = Field(default=1, ge=1, le=10, description="Alert from this many posts on")


class WatchNewThreads(Plugin):
    name = "watch"
    title = "Watch new threads"
    settings_model = WatchSettings

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


class Heartbeat(Plugin):
    """A plugin with one scheduled job, to see plugin jobs run under the scheduler."""

    name = "heartbeat"
    enabled_by_default = False
    beats: list[str] = []

    def jobs(self) -> list[JobSpec]:
        return [JobSpec("heartbeat.beat", lambda ctx: self.beats.append(ctx.now.isoformat()),
                        seconds=0.2)]
