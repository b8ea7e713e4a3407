"""Facets: facts one plugin knows about posts or threads that another plugin may read.

Plugins never import each other. A plugin that knows something (the content-warning labels
of a post, the response mode of a thread) provides it under a facet name; any plugin asks
the core for it and gets a default when no installed plugin provides it.

Known facet names and what they return per id (mirror row ids, not platform ids):
- "post.labels": post id -> list of label keys on the post (content warnings)
- "thread.response_mode": thread id -> "open", "reactions_only", "diary", "held", ...
- "thread.care_status": thread id -> member-facing words on what moderators are doing
  about the thread ("A moderator is looking after this thread"), or None
- "post.gratitude": post id -> {gratitude kind key: count} of members' thanks on the post

Some facets answer a question rather than describe ids; they are asked with `ask`:
- "text.labels": (session, forum, text) -> [{"key": label key, "matched": [words]}]
- "thread.permissions": (session, forum, thread, member, now) -> {"can_reply": bool,
  "can_react": bool, "reason": member-facing words or None, "response_mode": str}, where
  thread is a mirror Thread and member the mirror Member acting (None if unknown)
- "member.gratitude": (session, forum, member id, since, until) -> {"kinds": [{"key",
  "emoji", "words", "count"}], "givers": [member ids]}: the gratitude a member's posts
  received in [since, until), by kind, and who gave it (mirror Member ids)
- "forum.gratitude_receivers": (session, forum, since, until) -> [member ids] whose posts
  received gratitude in [since, until)
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

if TYPE_CHECKING:
    from forumkit.forums.models import Forum

# For id facets: (session, forum, ids) -> {id: value} for the ids the provider knows.
# For question facets: whatever arguments the facet's description above names.
FacetProvider = Callable[..., Any]

POST_LABELS = "post.labels"
THREAD_RESPONSE_MODE = "thread.response_mode"
THREAD_CARE_STATUS = "thread.care_status"
TEXT_LABELS = "text.labels"
THREAD_PERMISSIONS = "thread.permissions"
POST_GRATITUDE = "post.gratitude"
MEMBER_GRATITUDE = "member.gratitude"
GRATITUDE_RECEIVERS = "forum.gratitude_receivers"

DEFAULTS: dict[str, Any] = {
    POST_LABELS: [], THREAD_RESPONSE_MODE: "open", THREAD_CARE_STATUS: None, TEXT_LABELS: [],
    THREAD_PERMISSIONS: {
        "can_reply": True, "can_react": True, "reason": None, "response_mode": "open",
    },
    POST_GRATITUDE: {}, MEMBER_GRATITUDE: {"kinds": [], "givers": []},
    GRATITUDE_RECEIVERS: [],
}


class Facets:
    def __init__(self, providers: dict[str, FacetProvider] | None = None) -> None:
        self.providers: dict[str, FacetProvider] = dict(providers or {})

    def provide(self, name: str, provider: FacetProvider) -> None:
        self.providers[name] = provider

    def get(self, name: str, session: Session, forum: Forum, ids: Iterable[int]) -> dict[int, Any]:
        """The facet for each id; the default for ids no provider knows."""
        wanted = list(dict.fromkeys(ids))
        found = self.providers[name](session, forum, wanted) if name in self.providers else {}
        default = DEFAULTS.get(name)
        return {i: found.get(i, _copy(default)) for i in wanted}

    def one(self, name: str, session: Session, forum: Forum, id_: int) -> Any:
        return self.get(name, session, forum, [id_])[id_]

    def ask(self, name: str, *args: Any) -> Any:
        """Call a question-style facet; its default when no plugin provides it."""
        if name in self.providers:
            return self.providers[name](*args)
        return _copy(DEFAULTS.get(name))


class PrefetchedFacets(Facets):
    """Facets with values read up front for a whole batch (a job firing 200 alerts asks
    each facet once, not 200 times); ids not prefetched are read as usual. Use it only
    while nothing the batch does changes what was prefetched."""

    def __init__(self, facets: Facets) -> None:
        super().__init__(facets.providers)
        self.known: dict[tuple[str, int | None, int], Any] = {}

    def prefetch(self, name: str, session: Session, forum: Forum, ids: Iterable[int]) -> None:
        for id_, value in super().get(name, session, forum, ids).items():
            self.known[(name, forum.id, id_)] = value

    def get(self, name: str, session: Session, forum: Forum, ids: Iterable[int]) -> dict[int, Any]:
        wanted = list(dict.fromkeys(ids))
        missing = [i for i in wanted if (name, forum.id, i) not in self.known]
        if missing:
            self.prefetch(name, session, forum, missing)
        return {i: _copy(self.known[(name, forum.id, i)]) for i in wanted}


def _copy(value: Any) -> Any:
    # Deep, so a caller changing a default (a list inside a dict) cannot change it for others.
    return copy.deepcopy(value)
