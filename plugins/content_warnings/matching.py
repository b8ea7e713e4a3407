"""The matching engine of the lexicon and the inclusive-language list.

Kept simple so a person can explain any match:
- text and phrases are split into words (letters, digits, '&', inner apostrophes); a
  hyphen or punctuation separates words, so "self-harm" matches "self harm" as well;
- a phrase matches a run of words in order; whole words only, so "kill" never matches
  "skill" or "killjoy";
- words match in any of their forms: both sides are reduced to their stems by the Snowball
  English stemmer, the same reading the risk assessment uses (forumkit.risk.reading), so
  "overdose" matches "overdosing", "cut" matches "cutting" and "die" matches "dying".
  A different word built on one ("killer" from "kill") is a word of its own: list it too.

Whether a match counts (negation, figures of speech) is the suggester's choice, not this
module's: see suggesters.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from forumkit.risk.reading import Reading, lower, read, stem

T = TypeVar("T")
WORD = re.compile(r"[a-z0-9&]+(?:'[a-z]+)*")


def words(text: str) -> list[str]:
    return WORD.findall(lower(text))


@dataclass(frozen=True)
class Match(Generic[T]):
    value: T  # what the phrase stands for (a label key, a language entry)
    phrase: str  # the phrase as written in the list
    text: str  # the words of the text that matched, as written there
    first: int = 0  # the first and last word matched, in the reading of the text
    last: int = 0


@dataclass
class Matcher(Generic[T]):
    """Phrases compiled once, then matched against any number of texts."""

    _by_first: dict[str, list[tuple[tuple[str, ...], str, T]]] = field(default_factory=dict)

    @classmethod
    def build(cls, entries: Iterable[tuple[str, T]]) -> Matcher[T]:
        matcher: Matcher[T] = cls()
        for phrase, value in entries:
            stems = tuple(stem(word) for word in words(phrase))
            if stems:
                matcher._by_first.setdefault(stems[0], []).append((stems, phrase, value))
        for candidates in matcher._by_first.values():
            candidates.sort(key=lambda c: -len(c[0]))  # longest phrase first
        return matcher

    def find(self, text: str, reading: Reading | None = None) -> list[Match[T]]:
        """Every phrase found, in the order of the text; overlapping matches all count.
        `reading` is read(text) when the caller has it already."""
        reading = reading or read(text)
        found: list[Match[T]] = []
        for i, token in enumerate(reading.stems):
            for stems, phrase, value in self._by_first.get(token, ()):
                if _fits(reading.stems, i, stems):
                    last = i + len(stems) - 1
                    found.append(Match(value=value, phrase=phrase,
                                       text=reading.quote(text, i, last), first=i, last=last))
        return found


def _fits(tokens: Sequence[str], at: int, stems: tuple[str, ...]) -> bool:
    if at + len(stems) > len(tokens):
        return False
    return all(tokens[at + k] == s for k, s in enumerate(stems))
