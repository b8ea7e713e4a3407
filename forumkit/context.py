"""The per-forum plugin context: what the core resolves before any of a plugin's code runs.

A plugin never asks whether it is on, never loads its own settings and never writes the
outbox. For a route, a page, an event handler or a job the core finds the forum, checks the
plugin is on there (a plugin that is off answers the same 404 everywhere), validates its
settings, limits facets to the plugins on for that forum, and collects the actions the
plugin emits; the boundary that owns the transaction writes them to the outbox just before
it commits, so they land together with the change that caused them or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Generic, TypeVar

from pydantic import BaseModel
from sqlmodel import Session

from forumkit.actions import Action
from forumkit.errors import NotFound
from forumkit.facets import Facets

if TYPE_CHECKING:
    from forumkit.forums.models import Forum
    from forumkit.outbound import OutboundPolicy

S = TypeVar("S", bound=BaseModel)


class PluginOff(NotFound):
    """The plugin is installed but switched off for this forum: the same 404 everywhere."""

    def __init__(self, plugin: str) -> None:
        super().__init__(f"the {plugin} feature is switched off for this forum")
        self.plugin = plugin


@dataclass
class PluginContext(Generic[S]):
    plugin: str
    forum: Forum
    settings: S
    session: Session
    facets: Facets  # what the other plugins on for this forum know of posts and threads
    now: datetime
    capabilities: frozenset[str] = frozenset()  # what the forum's platform can do
    actor: str = "system"  # who acts, for the audit log: "key:7", or "system" in jobs
    actions: list[Action] = field(default_factory=list)
    outbound: OutboundPolicy | None = None  # the service's outbound address policy

    @property
    def forum_id(self) -> int:
        assert self.forum.id is not None
        return self.forum.id

    def emit(self, actions: Iterable[Action]) -> None:
        """Ask for these actions; they reach the outbox when the work commits."""
        self.actions.extend(actions)
