"""A second suggester, shipped as its own package, found through the entry-point group and
chosen per forum in the settings."""

from __future__ import annotations

import pytest

from forumkit.plugins.content_warnings import suggesters
from forumkit.plugins.content_warnings.suggesters import Lexicon, Suggestion
from tests.plugins.content_warnings.helpers import labels_of, settings
from tests.support.entry_points import FakeEntryPoint
from tests.support.world import World, post_created


class ShoutingSuggester:
    """Stands in for another package's suggester: it flags text written all in capitals."""

    name = "shouting"

    def suggest(self, text: str, lexicon: Lexicon) -> list[Suggestion]:
        loud = [w for w in text.split() if len(w) > 3 and w.isupper()]
        return [Suggestion(key="violence", matched=tuple(loud))] if loud else []


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> object:
        raise RuntimeError("this add-on is broken")

    points = [FakeEntryPoint("shouting", ShoutingSuggester), FakeEntryPoint("broken", broken)]
    monkeypatch.setattr(suggesters, "_installed", {})
    monkeypatch.setattr(suggesters, "_loaded", False)
    monkeypatch.setattr(suggesters, "entry_points",
                        lambda group: points if group == suggesters.GROUP else [])


def test_an_installed_suggester_is_found_and_a_broken_one_skipped(installed: None) -> None:
    assert sorted(suggesters.installed()) == ["lexicon", "shouting"]


def test_a_forum_picks_another_suggester(installed: None, world: World) -> None:
    settings(world, suggester="shouting")
    check = world.client.post("/v1/forums/calm/compose-check",
                              headers=world.auth("calm:platform"),
                              json={"body": "I cut myself. WHY does NOBODY listen"})
    assert check.json()["suggested_labels"] == [
        {"key": "violence", "name": "Violence", "matched": ["NOBODY"]}]
    world.send([post_created("e1", "p1", body="STOP it now")])
    assert [(s["key"], s["matched"]) for s in labels_of(world, "p1")["suggested"]] == [
        ("violence", ["STOP"])]


def test_a_suggester_that_is_not_installed_cannot_be_chosen(installed: None,
                                                            world: World) -> None:
    response = world.client.put("/v1/forums/calm/plugins/content_warnings",
                                json={"settings": {"suggester": "broken"}},
                                headers=world.auth("calm:admin"))
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert problem["loc"] == ["body", "settings", "suggester"]
    assert "choose from ['lexicon', 'shouting']" in problem["msg"]
