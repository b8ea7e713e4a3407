"""Choosing an assessor by name; third-party assessors through the entry-point group."""

from __future__ import annotations

import pytest

from forumkit.risk import Assessment, RiskLevel, assessor_for, installed, names, registry
from forumkit.risk.http import HttpAssessor
from forumkit.risk.model import Reason
from forumkit.risk.word_rules import WordRulesAssessor
from tests.conftest import TEST_OUTBOUND_ALLOW
from tests.support.entry_points import FakeEntryPoint
from tests.support.receiver import Receiver


class KeywordModel:
    """Stands in for another package's in-process classifier."""

    name = "keyword-model"

    def assess(self, text: str) -> Assessment:
        if "storm" in text:
            return Assessment(RiskLevel.CONCERN, (Reason("model.storm", "speaks of storms"),),
                              (), self.name)
        return Assessment(RiskLevel.NONE, assessor=self.name)


@pytest.fixture
def add_ons(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> object:
        raise RuntimeError("this add-on is broken")

    points = [FakeEntryPoint("keyword-model", KeywordModel), FakeEntryPoint("broken", broken),
              FakeEntryPoint("not-one", lambda: object())]
    monkeypatch.setattr(registry, "_installed", {})
    monkeypatch.setattr(registry, "_loaded", False)
    monkeypatch.setattr(registry, "entry_points",
                        lambda group: points if group == registry.GROUP else [])


def test_an_installed_assessor_is_found_and_broken_ones_skipped(add_ons: None) -> None:
    assert sorted(installed()) == ["keyword-model", "words"]
    assert names() == ["http", "keyword-model", "words"]
    found = assessor_for("keyword-model").assess("a storm is coming")
    assert (found.level, found.codes, found.assessor) == (
        RiskLevel.CONCERN, ("model.storm",), "keyword-model")


def test_the_default_is_the_word_rules() -> None:
    assert isinstance(assessor_for("words"), WordRulesAssessor)


def test_an_unknown_name_falls_back_to_the_word_rules(add_ons: None) -> None:
    assert assessor_for("uninstalled").assess("I wish I was dead").level is RiskLevel.HIGH


def test_http_needs_a_url_and_is_kept_per_url(classifier: Receiver) -> None:
    with pytest.raises(ValueError, match="url"):
        assessor_for("http")
    classifier.body = b'{"level": "none", "reasons": [], "topics": []}'
    policy = registry.OutboundPolicy.from_allowances(TEST_OUTBOUND_ALLOW)
    first = assessor_for("http", classifier.url, policy=policy)
    assert isinstance(first, HttpAssessor)
    assert assessor_for("http", classifier.url, policy=policy) is first
    assert first.assess("hello").assessor == "http"
