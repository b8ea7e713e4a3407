"""Facets let one plugin read what another knows, by typed keys each plugin declares in its
own package: defaults where nobody provides them, declarations that must agree, and no
reading a facet a plugin did not declare."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, Protocol

import pytest

from forumkit.facets import Facet, Facets, PrefetchedFacets, Question, UnknownFacet
from forumkit.plugin import Applied, Batch
from forumkit.registry import Registry, RegistryError
from tests.support.plugins import PluginForTests

LABELS = Facet("post.labels", list[str], default=[])
MODE = Facet("thread.response_mode", str, default="open", about="thread")


class Suggest(Protocol):
    def __call__(self, session: Any, forum: Any, text: str, /) -> list[dict[str, Any]]: ...


SUGGEST = Question("text.labels", Suggest, default=[])


class LabelKnower(PluginForTests):
    name = "labels_for_test"

    def facets(self) -> dict[Any, Any]:
        return {LABELS: lambda session, forum, ids: {i: ["self-harm"] for i in ids if i < 10}}


def test_provided_facet_is_read_and_unknown_ids_get_the_default() -> None:
    registry = Registry()
    registry.add_plugin(LabelKnower())
    found = registry.facets.get(LABELS, None, None, [1, 2, 99])  # type: ignore[arg-type]
    assert found == {1: ["self-harm"], 2: ["self-harm"], 99: []}


def test_facet_nobody_provides_gives_its_declared_default() -> None:
    registry = Registry()
    assert registry.facets.one(MODE, None, None, 5) == "open"  # type: ignore[arg-type]
    assert registry.facets.get(LABELS, None, None, [3]) == {3: []}  # type: ignore[arg-type]


def test_question_facets_are_asked_or_default() -> None:
    registry = Registry()
    assert registry.facets.ask(SUGGEST)(None, None, "some text") == []

    class Suggests(PluginForTests):
        name = "suggests_for_test"

        def facets(self) -> dict[Any, Any]:
            return {SUGGEST: lambda s, f, text: [{"key": "x", "matched": [text]}]}

    registry.add_plugin(Suggests())
    assert registry.facets.ask(SUGGEST)(None, None, "hi") == [{"key": "x", "matched": ["hi"]}]


def test_two_declarations_of_one_facet_that_differ_stop_start_up() -> None:
    class ReadsLabelsAsText(PluginForTests):
        name = "reads_for_test"

        def reads(self) -> list[Any]:
            return [Facet("post.labels", str, default="")]

    registry = Registry()
    registry.add_plugin(LabelKnower())
    with pytest.raises(RegistryError, match="'post.labels' is declared differently by plugin "
                                            "'labels_for_test'"):
        registry.add_plugin(ReadsLabelsAsText())


def test_two_declarations_of_one_question_with_other_arguments_stop_start_up() -> None:
    class SuggestForMember(Protocol):
        def __call__(self, session: Any, forum: Any, member_id: int, /
                     ) -> list[dict[str, Any]]: ...

    class AsksForMember(PluginForTests):
        name = "asks_for_test"

        def reads(self) -> list[Any]:
            return [Question("text.labels", SuggestForMember, default=[])]

    class AsksAlike(PluginForTests):
        name = "asks_alike_for_test"

        def reads(self) -> list[Any]:
            return [Question("text.labels", Suggest, default=[])]

    registry = Registry()
    registry.add_plugin(AsksAlike())
    with pytest.raises(RegistryError, match="'text.labels' is declared differently"):
        registry.add_plugin(AsksForMember())


def test_a_plugin_cannot_read_a_facet_it_did_not_declare() -> None:
    class ReadsNothing(PluginForTests):
        name = "reads_nothing"

    registry = Registry()
    registry.add_plugin(LabelKnower())
    registry.add_plugin(ReadsNothing())
    facets = registry.facets_on(["labels_for_test", "reads_nothing"], reader="reads_nothing")
    with pytest.raises(UnknownFacet, match="list it in the plugin's reads"):
        facets.get(LABELS, None, None, [1])  # type: ignore[arg-type]
    mine = registry.facets_on(["labels_for_test"], reader="labels_for_test")
    assert mine.get(LABELS, None, None, [1]) == {1: ["self-harm"]}  # type: ignore[arg-type]


def test_the_installed_plugins_declare_each_facet_alike() -> None:
    registry = Registry.discover()  # start-up would have stopped otherwise
    assert registry.declared["post.labels"] == LABELS
    assert registry.readable["helper_impact"] >= {"post.labels", "member.gratitude"}


def test_prefetched_facets_ask_the_provider_once_per_batch() -> None:
    asked: list[list[int]] = []

    def labels(session: Any, forum: Any, ids: list[int]) -> dict[int, list[str]]:
        asked.append(list(ids))
        return {i: ["suicide"] for i in ids if i % 2}

    facets = PrefetchedFacets(Facets({LABELS.name: labels}))
    forum = SimpleNamespace(id=1)
    facets.prefetch(LABELS, None, forum, [1, 2, 3])  # type: ignore[arg-type]
    assert facets.one(LABELS, None, forum, 3) == ["suicide"]  # type: ignore[arg-type]
    assert facets.one(LABELS, None, forum, 2) == []  # type: ignore[arg-type]
    assert asked == [[1, 2, 3]]
    facets.one(LABELS, None, forum, 4).append("changed")  # type: ignore[arg-type]
    assert facets.one(LABELS, None, forum, 4) == []  # type: ignore[arg-type]
    assert asked == [[1, 2, 3], [4]]


def test_plugins_reading_a_facet_share_one_read_until_its_provider_handles_the_batch() -> None:
    asked: list[list[int]] = []

    def labels(session: Any, forum: Any, ids: list[int]) -> dict[int, list[str]]:
        asked.append(list(ids))
        return {i: ["suicide"] for i in ids}

    class Provider(PluginForTests):
        name = "provider"

        def facets(self) -> dict[Any, Any]:
            return {LABELS: labels}

    class Reader(PluginForTests):
        name = "reader"

        def reads(self) -> list[Any]:
            return [LABELS]

    item = Applied(event=None, post=SimpleNamespace(id=7))  # type: ignore[arg-type]
    batch = Batch([item])

    def context() -> Any:
        return SimpleNamespace(facets=Facets({LABELS.name: labels}), session=None,
                               forum=SimpleNamespace(id=1))

    first, second = batch.with_facets_read(Reader(), context()), \
        batch.with_facets_read(Reader(), context())
    assert asked == []  # read when first asked for
    assert first.facets.one(LABELS, None, first.forum, 7) == ["suicide"]
    assert second.facets.one(LABELS, None, second.forum, 7) == ["suicide"]
    assert asked == [[7]]  # read once for both readers
    batch.changed_by(Provider())  # its turn may have changed the labels
    third = batch.with_facets_read(Reader(), context())
    assert third.facets.one(LABELS, None, third.forum, 7) == ["suicide"]
    assert asked == [[7], [7]]
