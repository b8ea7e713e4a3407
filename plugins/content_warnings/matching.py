"""The matching engine of the lexicon and the inclusive-language list.

Kept simple so a person can explain any match:
- text and phrases are split into words (letters, digits, '&', inner apostrophes); a
  hyphen or punctuation separates words, so "self-harm" matches "self harm" as well;
- a phrase matches a run of words in order; whole words only, so "kill" never matches
  "skill" or "killjoy";
- each word of three letters or more also matches its plain inflections: -s, -es, -ed,
  -d, -ing, -er, -ers, with a final e dropped (overdose: overdosing), a final consonant
  doubled (cut: cutting) or a final y turned to i (bury: buried);
- negation is ignored on purpose: "I'm not suicidal" still suggests the label, because a
  reader meets the word either way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")
WORD = re.compile(r"[a-z0-9&]+(?:'[a-z]+)*")
VOWELS = set("aeiou")
SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "ers")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("\u2019", "'").replace("\u2018", "'"))


def word_spans(text: str) -> list[tuple[str, int, int]]:
    lowered = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return [(m.group(0), m.start(), m.end()) for m in WORD.finditer(lowered)]


def _source(text: str) -> str:
    # A few characters change length when lower-cased; then quote the lower-cased text.
    lowered = text.lower()
    return text if len(lowered) == len(text) else lowered


def forms(word: str) -> frozenset[str]:
    """The word and its plain inflections."""
    made = {word}
    if len(word) < 3 or not word.isalpha():
        return frozenset(made)
    made.update(word + s for s in SUFFIXES)
    if word.endswith("e"):
        stem = word[:-1]
        made.update({stem + "ing", stem + "er", stem + "ers"})
    if word.endswith("ie"):
        made.add(word[:-2] + "ying")
    if word.endswith("y") and word[-2] not in VOWELS:
        made.update({word[:-1] + "ies", word[:-1] + "ied"})
    if word[-1] not in VOWELS and word[-1] not in "wxy" and word[-2] in VOWELS \
            and word[-3] not in VOWELS:
        doubled = word + word[-1]
        made.update({doubled + "ing", doubled + "ed", doubled + "er", doubled + "ers"})
    return frozenset(made)


@dataclass(frozen=True)
class Match(Generic[T]):
    value: T  # what the phrase stands for (a label key, a language entry)
    phrase: str  # the phrase as written in the list
    text: str  # the words of the text that matched, as written there


@dataclass
class Matcher(Generic[T]):
    """Phrases compiled once, then matched against any number of texts."""

    _by_first: dict[str, list[tuple[list[frozenset[str]], str, T]]] = field(default_factory=dict)

    @classmethod
    def build(cls, entries: Iterable[tuple[str, T]]) -> Matcher[T]:
        matcher: Matcher[T] = cls()
        for phrase, value in entries:
            parts = words(phrase)
            if not parts:
                continue
            shapes = [forms(p) for p in parts]
            for first in shapes[0]:
                matcher._by_first.setdefault(first, []).append((shapes, phrase, value))
        for candidates in matcher._by_first.values():
            candidates.sort(key=lambda c: -len(c[0]))  # longest phrase first
        return matcher

    def find(self, text: str) -> list[Match[T]]:
        """Every phrase found, in the order of the text; overlapping matches all count."""
        spans = word_spans(text)
        tokens = [s[0] for s in spans]
        source = _source(text)
        found: list[Match[T]] = []
        for i, token in enumerate(tokens):
            for shapes, phrase, value in self._by_first.get(token, ()):
                if _fits(tokens, i, shapes):
                    start, end = spans[i][1], spans[i + len(shapes) - 1][2]
                    found.append(Match(value=value, phrase=phrase, text=source[start:end]))
        return found


def _fits(tokens: Sequence[str], at: int, shapes: list[frozenset[str]]) -> bool:
    if at + len(shapes) > len(tokens):
        return False
    return all(tokens[at + k] in shape for k, shape in enumerate(shapes))
