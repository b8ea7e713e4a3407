"""Facets: facts one plugin knows about posts or threads that another plugin may read.

Plugins never import each other. A plugin that knows something (the content-warning labels
of a post, the response mode of a thread) declares it as a typed key in its own package
(`Facet[T]` for a fact per id, `Question[C]` for a question it answers, typed by a
Protocol `C` of its call) and provides it;
a plugin that reads it declares the same key in its own package and lists it in
`Plugin.reads()`. At start-up the registry stops when two declarations of one name differ
(type or default), when two plugins provide one facet, or when a plugin reads a facet it
did not declare. A facet asked of a forum where no plugin that provides it is on gives its
default.

An id facet's provider is called `(session, forum, ids)` with mirror ids and answers
`{id: value}` for the ids it knows; a question's provider is called as its Protocol says:
`facets.ask(QUESTION)(arguments...)`. A provider that takes a keyword-only `settings` is given its
own plugin's settings for the forum.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, cast

from sqlmodel import Session

if TYPE_CHECKING:
    from forumkit.forums.models import Forum

T = TypeVar("T")
C = TypeVar("C", bound=Callable[..., object])


@dataclass(frozen=True)
class Facet(Generic[T]):
    """A fact per post or thread (by mirror id): its name, what it holds and its default."""

    name: str
    type: Any  # what a value is, e.g. list[str]: two declarations of one name must agree
    default: T
    about: str = "post"  # what the ids are: "post", "thread" or "member"

    def __hash__(self) -> int:  # a key in providers' maps; its default may be a list
        return hash(self.name)


@dataclass(frozen=True)
class Question(Generic[C]):
    """A question a plugin answers for others. Its `call` is a Protocol whose `__call__`
    says what it is asked with and what it answers, so a reader's call is type-checked;
    `default` is the answer where no plugin that answers it is on. Two declarations of one
    name agree when their calls have the same signature and their defaults are equal."""

    name: str
    call: Any = field(compare=False)  # the Protocol class C (a Protocol is no concrete type[C])
    default: Any
    type: str = field(init=False)  # the call's signature, as text, compared

    def __post_init__(self) -> None:
        object.__setattr__(self, "type", str(inspect.signature(self.call.__call__)))

    def __hash__(self) -> int:
        return hash(self.name)


FacetKey = Facet[Any] | Question[Any]


class IdProvider(Protocol):
    def __call__(self, session: Session, forum: Forum, ids: list[int], /,
                 **settings: Any) -> Mapping[int, Any]: ...


# An id facet's provider is an IdProvider; a question's takes the question's arguments.
FacetProvider = IdProvider | Callable[..., object]


def name_of(key: FacetKey | str) -> str:
    return key if isinstance(key, str) else key.name


class UnknownFacet(LookupError):
    """A plugin asked for a facet it did not declare in `reads()` (or provide)."""


class Facets:
    def __init__(self, providers: dict[str, FacetProvider] | None = None,
                 readable: frozenset[str] | None = None) -> None:
        self.providers: dict[str, FacetProvider] = dict(providers or {})
        self.readable = readable  # None: any facet (the core's own use)

    def _check(self, key: FacetKey) -> None:
        if self.readable is not None and key.name not in self.readable:
            raise UnknownFacet(f"facet {key.name!r} is not declared by the plugin asking for "
                               "it: list it in the plugin's reads()")

    def provide(self, name: str, provider: FacetProvider) -> None:
        self.providers[name] = provider

    def get(self, facet: Facet[T], session: Session, forum: Forum,
            ids: Iterable[int]) -> dict[int, T]:
        """The facet for each id; the default for ids no provider knows."""
        self._check(facet)
        wanted = list(dict.fromkeys(ids))
        provider = self.providers.get(facet.name)
        found: Mapping[int, Any] = (
            provider(session, forum, wanted) if provider else {}  # type: ignore[assignment]
        )
        return {i: found[i] if i in found else _copy(facet.default) for i in wanted}

    def one(self, facet: Facet[T], session: Session, forum: Forum, id_: int) -> T:
        return self.get(facet, session, forum, [id_])[id_]

    def ask(self, question: Question[C]) -> C:
        """The question's answerer, to call with its arguments; where no plugin that
        answers it is on, one that gives the default answer."""
        self._check(question)
        provider = self.providers.get(question.name)
        if provider is None:
            default = question.default
            return cast(C, lambda *args, **kwargs: _copy(default))
        return cast(C, provider)


class PrefetchedFacets(Facets):
    """Facets with values read up front for a whole batch (a job firing 200 alerts asks
    each facet once, not 200 times); ids not prefetched are read as usual. Use it only
    while nothing the batch does changes what was prefetched."""

    def __init__(self, facets: Facets,
                 known: dict[tuple[str, int | None, int], Any] | None = None) -> None:
        super().__init__(facets.providers, facets.readable)
        # (facet, forum id, id) -> value; may be shared by several plugins' facets
        self.known: dict[tuple[str, int | None, int], Any] = {} if known is None else known
        self.expected: dict[str, list[int]] = {}  # facet -> ids to read with the first ask

    def expect(self, facet: Facet[Any], ids: Iterable[int]) -> None:
        """The first ask for this facet reads these ids with it, in one ask of its provider;
        if nothing asks, nothing is read."""
        self.expected.setdefault(facet.name, []).extend(ids)

    def prefetch(self, facet: Facet[Any], session: Session, forum: Forum,
                 ids: Iterable[int]) -> None:
        """Read the facet for those of `ids` not known yet, in one ask of its provider."""
        missing = [i for i in ids if (facet.name, forum.id, i) not in self.known]
        if not missing:
            return
        for id_, value in super().get(facet, session, forum, missing).items():
            self.known[(facet.name, forum.id, id_)] = value

    def get(self, facet: Facet[T], session: Session, forum: Forum,
            ids: Iterable[int]) -> dict[int, T]:
        wanted = list(dict.fromkeys(ids))
        missing = [i for i in wanted if (facet.name, forum.id, i) not in self.known]
        if missing:
            expected = self.expected.pop(facet.name, [])
            self.prefetch(facet, session, forum, dict.fromkeys([*expected, *missing]))
        return {i: _copy(self.known[(facet.name, forum.id, i)]) for i in wanted}


def _copy(value: Any) -> Any:
    # Deep, so a caller changing a default (a list inside a dict) cannot change it for others.
    return copy.deepcopy(value)
