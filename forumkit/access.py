"""The read path's memory of keys and forums: who a key is, and what its forum has on.

Forums ask render-hints and permissions while drawing every page, so looking up the key,
the forum, its plugins and its wording on each request would cost more than the answer.
Each process keeps them here, as plain values (never rows of a session), for
`access_cache_seconds` (5 s). A change this process commits to a key, a forum, its plugins
or its message overrides drops the copy at once; a change made by another process (a key
revoked with `forumkit key revoke`, a plugin switched off through another replica) applies
here when the copy expires. Unknown and revoked keys are never kept: they are looked up on
every request.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import chain
from types import MappingProxyType
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import event
from sqlmodel import Session

from forumkit.clock import Clock
from forumkit.forums import repository as forums
from forumkit.forums.models import Forum, ForumPlugin
from forumkit.keys import service as keys
from forumkit.keys.models import ApiKey
from forumkit.messages.models import MessageOverride
from forumkit.messages.texts import overrides_of
from forumkit.registry import Registry, RegistryError, plugin_settings

T = TypeVar("T")


@dataclass(frozen=True)
class Grant:
    """A key that works: its id, its forum (None for an operator's) and its scope."""

    id: int
    forum_id: int | None
    scope: str


@dataclass(frozen=True)
class ForumView:
    """A forum as the read path needs it: the row's values, the plugins on with their stored
    settings (validated where they still validate), its platform's capabilities and its
    message overrides."""

    values: Mapping[str, Any]
    on: Mapping[str, dict[str, Any]]  # treated as read-only
    settings: Mapping[str, BaseModel]
    capabilities: frozenset[str]
    overrides: Mapping[str, str]

    @property
    def id(self) -> int:
        forum_id: int = self.values["id"]
        return forum_id

    def forum(self) -> Forum:
        """A new row object of its own, in no session, for this request alone."""
        return Forum(**self.values)


def grant_of(session: Session, plain: str) -> Grant | None:
    key = keys.find_active(session, plain)
    if key is None or key.id is None:
        return None
    return Grant(id=key.id, forum_id=key.forum_id, scope=key.scope)


def view_of(session: Session, registry: Registry, slug: str) -> ForumView | None:
    forum = forums.by_slug(session, slug)
    if forum is None or forum.id is None:
        return None
    on = registry.switched_on(session, forum)
    settings: dict[str, BaseModel] = {}
    for name, stored in on.items():
        try:
            settings[name] = plugin_settings(registry.plugins[name], stored)
        except RegistryError:
            pass  # left out: the plugin's context raises it again when asked
    return ForumView(
        values=MappingProxyType({name: getattr(forum, name) for name in Forum.model_fields}),
        on=MappingProxyType({name: dict(stored) for name, stored in on.items()}),
        settings=MappingProxyType(settings),
        capabilities=registry.capabilities(forum),
        overrides=MappingProxyType(dict(overrides_of(session, forum.id))),
    )


class AccessCache:
    """Grants by key hash and forum views by slug, each kept `seconds` by the clock."""

    def __init__(self, clock: Clock, seconds: float) -> None:
        self.clock = clock
        self.ttl = timedelta(seconds=seconds)
        self._grants: dict[str, tuple[datetime, Grant]] = {}
        self._views: dict[str, tuple[datetime, ForumView]] = {}
        self._lock = threading.Lock()
        _CACHES.add(self)

    def grant(self, plain: str) -> Grant | None:
        """The key's grant if kept and fresh; None otherwise (look it up, then `keep_grant`)."""
        return self._fresh(self._grants, keys.hash_key(plain))

    def view(self, slug: str) -> ForumView | None:
        return self._fresh(self._views, slug)

    def keep_grant(self, plain: str, grant: Grant | None) -> Grant | None:
        return self._keep(self._grants, keys.hash_key(plain), grant)

    def keep_view(self, slug: str, view: ForumView | None) -> ForumView | None:
        return self._keep(self._views, slug, view)

    def _fresh(self, items: dict[str, tuple[datetime, T]], name: str) -> T | None:
        with self._lock:
            found = items.get(name)
        return found[1] if found is not None and found[0] > self.clock.now() else None

    def _keep(self, items: dict[str, tuple[datetime, T]], name: str, value: T | None) -> T | None:
        with self._lock:
            if value is None:
                items.pop(name, None)  # unknown or revoked now: never kept
            elif self.ttl:
                items[name] = (self.clock.now() + self.ttl, value)
        return value

    def forget(self, key_hashes: set[str], forum_ids: set[int]) -> None:
        with self._lock:
            for key_hash in key_hashes:
                self._grants.pop(key_hash, None)
            for slug, (_, view) in list(self._views.items()):
                if view.id in forum_ids:
                    del self._views[slug]


# Every cache of this process (one per app's services), so a commit anywhere in the
# process drops what it changed from each.
_CACHES: weakref.WeakSet[AccessCache] = weakref.WeakSet()
_CHANGED = "forumkit.access_changed"  # session.info: (key hashes, forum ids) changed


@event.listens_for(Session, "after_flush")
def _note_changes(session: Session, _context: Any) -> None:
    key_hashes: set[str] = set()
    forum_ids: set[int] = set()
    for row in chain(session.new, session.dirty, session.deleted):
        if isinstance(row, ApiKey):
            key_hashes.add(row.key_hash)
        elif isinstance(row, Forum) and row.id is not None:
            forum_ids.add(row.id)
        elif isinstance(row, ForumPlugin | MessageOverride):
            forum_ids.add(row.forum_id)
    if key_hashes or forum_ids:
        noted = session.info.setdefault(_CHANGED, (set(), set()))
        noted[0].update(key_hashes)
        noted[1].update(forum_ids)


@event.listens_for(Session, "after_commit")
def _forget_changes(session: Session) -> None:
    # A note left by work later rolled back only makes a copy be read again: harmless.
    changed = session.info.pop(_CHANGED, None)
    if changed is not None:
        for cache in list(_CACHES):
            cache.forget(*changed)
