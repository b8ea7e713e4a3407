"""The labelled evaluation set, and the default assessor held to the goals on it."""

from __future__ import annotations

from pathlib import Path

from forumkit.plugins.content_warnings import defaults
from forumkit.risk import assessor_for
from forumkit.risk.evaluation import FIGURATIVE, HELD_OUT, load, score

SET = Path(__file__).resolve().parents[1] / "data" / "risk-eval.jsonl"


def test_the_set_is_large_varied_and_labelled_with_label_keys() -> None:
    examples = load(SET)
    assert len(examples) >= 220
    assert len({e.text for e in examples}) == len(examples)
    keys = {label.key for label in defaults.LABELS}
    assert all(e.topics <= keys for e in examples)
    kinds = {e.kind for e in examples}
    assert {FIGURATIVE, "negation", "question", "media", "past", "other_person"} <= kinds
    assert sum(e.kind == FIGURATIVE for e in examples) >= 40
    assert sum(e.split == HELD_OUT for e in examples) >= 40


def test_the_word_rules_meet_the_goals_on_the_whole_set() -> None:
    report = score(assessor_for("words"), load(SET))
    assert [(g.name, g.met) for g in report.goals()] == [
        ("recall, suicide", True), ("recall, self-harm", True),
        ("false alarms on figures of speech", True)]
