"""Facets let one plugin read what another knows, with defaults when nobody provides it."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from forumkit.facets import POST_LABELS, THREAD_RESPONSE_MODE, Facets, PrefetchedFacets
from forumkit.registry import Registry
from tests.support.plugins import PluginForTests


class LabelKnower(PluginForTests):
    name = "labels_for_test"

    def facets(self) -> dict[str, Any]:
        return {POST_LABELS: lambda session, forum, ids: {i: ["self-harm"] for i in ids if i < 10}}


def test_provided_facet_is_read_and_unknown_ids_get_the_default() -> None:
    registry = Registry()
    registry.add_plugin(LabelKnower())
    found = registry.facets.get(POST_LABELS, None, None, [1, 2, 99])  # type: ignore[arg-type]
    assert found == {1: ["self-harm"], 2: ["self-harm"], 99: []}


def test_facet_nobody_provides_gives_defaults() -> None:
    registry = Registry()
    assert registry.facets.one(THREAD_RESPONSE_MODE, None, None, 5) == "open"  # type: ignore[arg-type]
    assert registry.facets.get(POST_LABELS, None, None, [3]) == {3: []}  # type: ignore[arg-type]


def test_question_facets_are_asked_or_default() -> None:
    registry = Registry()
    assert registry.facets.ask("text.labels", None, None, "some text") == []

    class Suggests(PluginForTests):
        name = "suggests_for_test"

        def facets(self) -> dict[str, Any]:
            return {"text.labels": lambda s, f, text: [{"key": "x", "matched": [text]}]}

    registry.add_plugin(Suggests())
    assert registry.facets.ask("text.labels", None, None, "hi") == [{"key": "x", "matched": ["hi"]}]


def test_prefetched_facets_ask_the_provider_once_per_batch() -> None:
    asked: list[list[int]] = []

    def labels(session: Any, forum: Any, ids: list[int]) -> dict[int, list[str]]:
        asked.append(list(ids))
        return {i: ["suicide"] for i in ids if i % 2}

    facets = PrefetchedFacets(Facets({POST_LABELS: labels}))
    forum = SimpleNamespace(id=1)
    facets.prefetch(POST_LABELS, None, forum, [1, 2, 3])  # type: ignore[arg-type]
    assert facets.one(POST_LABELS, None, forum, 3) == ["suicide"]  # type: ignore[arg-type]
    assert facets.one(POST_LABELS, None, forum, 2) == []  # type: ignore[arg-type]
    assert asked == [[1, 2, 3]]
    facets.one(POST_LABELS, None, forum, 4).append("changed")  # type: ignore[arg-type]
    assert facets.one(POST_LABELS, None, forum, 4) == []  # type: ignore[arg-type]
    assert asked == [[1, 2, 3], [4]]
