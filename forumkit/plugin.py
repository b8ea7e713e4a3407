"""The plugin contract: everything a care feature may provide, on one screen.

A plugin is found through the `forumkit.plugins` entry-point group. It owns its tables
(SQLModel models imported by its package), an optional router mounted under
/v1/forums/{forum}/, event handlers that take an event and return actions, scheduled jobs,
and a pydantic settings model that admins edit per forum. Plugins never commit and never
call the network: the request or job owns the transaction and the outbox delivers actions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict
from sqlalchemy.engine import Engine
from sqlmodel import Session

from forumkit.actions import Action
from forumkit.context import PluginContext
from forumkit.db import session_scope
from forumkit.facets import Facet, FacetKey, FacetProvider, PrefetchedFacets

if TYPE_CHECKING:
    from forumkit.events import Event
    from forumkit.forums.models import Forum
    from forumkit.mirror.models import Member, Post, Thread


class NoSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")


@dataclass(frozen=True)
class Applied:
    """One event of a batch, as the mirror applied it."""

    event: Event
    post: Post | None = None
    thread: Thread | None = None
    member: Member | None = None  # the author of a post, the reactor, or the new member
    created: bool = False  # the mirror saw this post's creation for the first time
    body: str | None = None  # the post body, if sent: for classification only, never store it


@dataclass(frozen=True)
class Batch:
    """The new events of one ingest request, in the order sent, already in the mirror; a
    single event is a batch of one. The mirror rows they name were loaded together."""

    items: list[Applied]
    importing: bool = False  # history being imported: nothing will be sent from it
    # The id facets read for the batch so far, shared by the plugins that read them:
    # (facet, forum id, id) -> value (see with_facets_read and changed_by).
    facts: dict[tuple[str, int | None, int], Any] = field(default_factory=dict)

    def ids(self, about: str) -> list[int]:
        """The mirror ids of the batch's posts, threads or members ("post", "thread",
        "member"), each once."""
        rows = (getattr(item, about) for item in self.items)
        return list(dict.fromkeys(row.id for row in rows if row is not None and row.id))

    def with_facets_read(self, plugin: Plugin, ctx: PluginContext[Any]) -> PluginContext[Any]:
        """The context with the id facets the plugin reads fetched once for the batch's
        posts, threads and members, when the plugin first asks for one, or taken from those
        an earlier plugin read. Safe because other plugins' facts do not change while this
        plugin handles the batch: each plugin handles the whole batch in turn, and after a
        plugin's turn the facets it provides are read again (`changed_by`)."""
        facets = PrefetchedFacets(ctx.facets, self.facts)
        for key in plugin.reads():
            if isinstance(key, Facet) and (ids := self.ids(key.about)):
                facets.expect(key, ids)
        ctx.facets = facets
        return ctx

    def changed_by(self, plugin: Plugin) -> None:
        """The plugin has handled the batch: what it provides may have changed."""
        names = {key.name for key in plugin.facets()}
        for known in [k for k in self.facts if k[0] in names]:
            del self.facts[known]


@dataclass
class EventContext(PluginContext[Any]):
    """A plugin's context while it handles one event, inside the ingest transaction."""

    post: Post | None = None
    thread: Thread | None = None
    member: Member | None = None
    created: bool = False
    body: str | None = None
    importing: bool = False  # history being imported: start nothing that alerts or counts

    @classmethod
    def of(cls, ctx: PluginContext[Any], item: Applied,
           importing: bool = False) -> EventContext:
        """The event's context within the batch's; what it emits goes to the batch's."""
        return cls(
            plugin=ctx.plugin, forum=ctx.forum, settings=ctx.settings, session=ctx.session,
            facets=ctx.facets, now=ctx.now, capabilities=ctx.capabilities, actor=ctx.actor,
            actions=ctx.actions, outbound=ctx.outbound, post=item.post, thread=item.thread,
            member=item.member, created=item.created, body=item.body, importing=importing,
        )


@dataclass
class JobContext:
    engine: Engine
    now: datetime
    app: Any  # forumkit.app.Services: settings, registry, clock
    plugin: str | None = None  # the plugin whose job this is (None for the core's)

    @contextmanager
    def forums(self) -> Iterator[dict[int, PluginContext[Any]]]:
        """One unit of work with this job's plugin's context on each forum where it is on,
        by forum id. The actions the contexts emit reach the outbox just before it commits."""
        assert self.plugin is not None, "only a plugin's job has plugin contexts"
        from forumkit.outbox import service as outbox

        with session_scope(self.engine) as session:
            now = self.app.clock.now()
            found = self.app.registry.contexts_everywhere(session, self.plugin, now)
            yield found
            for ctx in found.values():
                outbox.queue_emitted(ctx)


@dataclass
class JobSpec:
    """A scheduled job. It must be safe to run in several processes at once."""

    name: str
    func: Callable[[JobContext], None]
    seconds: float
    options: dict[str, Any] = field(default_factory=dict)
    plugin: str | None = None  # set by the core to the plugin that declared the job


class Plugin:
    name: ClassVar[str]
    title: ClassVar[str] = ""
    description: ClassVar[str] = ""
    settings_model: ClassVar[type[BaseModel]] = NoSettings
    enabled_by_default: ClassVar[bool] = True
    # The folder of this plugin's Alembic revisions: a branch of its own, labelled with the
    # plugin's name, whose first revision depends on the core revision it builds on.
    migrations: ClassVar[Path | None] = None

    def router(self) -> APIRouter | None:
        """Routes mounted under /v1/forums/{forum}/; use forumkit.deps for auth."""
        return None

    def handle_batch(self, batch: Batch, ctx: PluginContext[Any]) -> None:
        """React to the events of one ingest request together, in order, emitting the
        actions they call for (ctx.emit). A plugin that can read what it needs once for the
        whole batch overrides this; the default hands each event to `handle`."""
        for item in batch.items:
            ctx.emit(self.handle(item.event, EventContext.of(ctx, item, batch.importing)))

    def handle(self, event: Event, ctx: EventContext) -> list[Action]:
        """React to one event; return the actions it calls for."""
        return []

    def jobs(self) -> list[JobSpec]:
        return []

    def pages(self) -> APIRouter | None:
        """Web pages mounted under /ui/forums/{forum}/; use forumkit.web.deps for access."""
        return None

    def nav(self) -> list[tuple[str, str, str]]:
        """Links for the pages' menu: (title, path under the forum, scope needed)."""
        return []

    def facets(self) -> dict[FacetKey, FacetProvider]:
        """Facts this plugin offers other plugins, by their typed keys (forumkit.facets),
        declared in the plugin's own package."""
        return {}

    def reads(self) -> list[FacetKey]:
        """The facets of other plugins this plugin reads, declared in its own package; it
        may read no other (forumkit.facets.UnknownFacet)."""
        return []

    def alert_fields(self) -> type[BaseModel] | None:
        """The model of the `fields` this plugin's alert messages carry, published in
        docs/actions.md (None: it sends no alerts of its own)."""
        return None

    def erase_member(self, session: Session, forum: Forum, member_id: int) -> None:
        """Remove everything this plugin holds about one member. Every plugin must define
        it (start-up stops otherwise), even one that holds nothing of members."""
        raise NotImplementedError
