"""Phrase patterns skip a text that lacks a word they cannot do without, and find exactly
what their regex finds in every other."""

from __future__ import annotations

import json
from pathlib import Path

from forumkit.risk.patterns import Pattern
from forumkit.risk.reading import read
from forumkit.risk.rules import (
    FIGURATIVE,
    HYPOTHETICAL,
    INFORMATION,
    PAST,
    RECENT,
    RECOVERED,
    RULES,
)

EVAL = Path(__file__).parents[1] / "data" / "risk-eval.jsonl"


def test_a_pattern_needs_one_stem_of_each_word_it_cannot_do_without() -> None:
    pattern = Pattern.build("want|wish to ~1 die really? $", {})
    assert pattern.needs == (frozenset({"want", "wish"}), frozenset({"to"}),
                             frozenset({"die"}))
    assert list(pattern.find(read("I want to die"))) != []
    assert list(pattern.find(read("I wish to live"))) == []


def test_skipping_finds_what_the_regex_finds_in_every_labelled_sentence() -> None:
    patterns = [p for rule in RULES for p in rule.patterns]
    patterns += [*FIGURATIVE, *INFORMATION, *RECOVERED, *PAST, *RECENT, *HYPOTHETICAL]
    for line in EVAL.read_text().splitlines():
        reading = read(json.loads(line)["text"])
        for pattern in patterns:
            found = [(f.first, f.last) for f in pattern.find(reading)]
            by_regex = [(reading.index_at(m.start()), reading.index_at(m.end() - 2))
                        for m in pattern.regex.finditer(reading.line) if m.end() > m.start()]
            assert found == by_regex, (pattern.source, reading.line)
