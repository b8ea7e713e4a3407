"""A text read for word rules: its words, their stems, and where clauses and sentences end.

Word forms come from the Snowball English stemmer (the `snowballstemmer` package): "dying",
"died" and "dies" all read as "die", "cutting" as "cut", "suicidal" and "suicide" as
"suicid". Rules and lexicons are stemmed the same way, so they match every form of a word
without a list of endings.

A clause ends at punctuation (. , ; : ! ? a dash, a new line) and before "but"; a sentence
at . ! ? or a new line. The stems of the whole text are also kept as one line,
"# i want to die # but ... # ", which the rule patterns (patterns.py) search: "#" marks the
end of a clause, so a pattern never reaches across one.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache

import snowballstemmer  # type: ignore[import-untyped]

WORD = re.compile(r"[a-z0-9&]+(?:'[a-z]+)*")
CLAUSE_BREAK = re.compile(r"[.,;:!?()\n\u2014\u2013]| - ")
SENTENCE_BREAK = re.compile(r"[.!?\n]")
CLAUSE_WORDS = frozenset({"but"})  # a clause starts at these words
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})

_stemmer = snowballstemmer.stemmer("english")
_stemmer_lock = threading.Lock()  # a Snowball stemmer object keeps state while it works


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one lower-case word. Contractions ("don't", "i'm") stay as written, and a
    possessive "'s" is dropped first."""
    if word.endswith("'s"):
        word = word[:-2]
    if "'" in word or not word.isalpha():
        return word
    with _stemmer_lock:
        return str(_stemmer.stemWord(word))


def lower(text: str) -> str:
    """The text lower-cased, with curly apostrophes straightened. A few characters change
    length when lower-cased; the spans of a reading are offsets into this string."""
    return text.lower().translate(APOSTROPHES)


@dataclass(frozen=True)
class Reading:
    source: str  # lower(text): spans point into it
    words: tuple[str, ...]  # lower-cased, as written
    stems: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    clause: tuple[int, ...]  # the clause each word is in
    sentence: tuple[int, ...]  # the sentence each word is in
    line: str  # the stems as one line, for patterns
    offsets: tuple[int, ...]  # where each word starts in `line`

    def __len__(self) -> int:
        return len(self.words)

    @cached_property
    def stem_set(self) -> frozenset[str]:
        """The stems of the text, each once: patterns needing a stem it lacks are skipped."""
        return frozenset(self.stems)

    def index_at(self, offset: int) -> int:
        """The word at a position of `line`."""
        return bisect_right(self.offsets, offset) - 1

    def quote(self, text: str, first: int, last: int) -> str:
        """The words first..last as written in `text` (the text this reading was made of),
        or lower-cased when lower-casing changed the text's length."""
        source = text if len(text) == len(self.source) else self.source
        return source[self.spans[first][0]:self.spans[last][1]]

    def in_sentence(self, index: int) -> range:
        """The indexes of the words in the sentence of word `index`."""
        number = self.sentence[index]
        start = index
        while start > 0 and self.sentence[start - 1] == number:
            start -= 1
        end = index
        while end + 1 < len(self.words) and self.sentence[end + 1] == number:
            end += 1
        return range(start, end + 1)


def read(text: str) -> Reading:
    source = lower(text)
    words: list[str] = []
    stems: list[str] = []
    spans: list[tuple[int, int]] = []
    clause: list[int] = []
    sentence: list[int] = []
    parts = ["#"]
    offsets: list[int] = []
    length = 2  # "# "
    clause_no = sentence_no = 0
    previous_end = 0
    for match in WORD.finditer(source):
        word = match.group(0)
        if words:
            gap = source[previous_end:match.start()]
            if SENTENCE_BREAK.search(gap):
                sentence_no += 1
            if CLAUSE_BREAK.search(gap) or word in CLAUSE_WORDS:
                clause_no += 1
        if words and clause_no != clause[-1]:
            parts.append("#")
            length += 2
        stemmed = stem(word)
        words.append(word)
        stems.append(stemmed)
        spans.append((match.start(), match.end()))
        clause.append(clause_no)
        sentence.append(sentence_no)
        offsets.append(length)
        parts.append(stemmed)
        length += len(stemmed) + 1
        previous_end = match.end()
    parts.append("#")
    return Reading(source=source, words=tuple(words), stems=tuple(stems),
                   spans=tuple(spans), clause=tuple(clause), sentence=tuple(sentence),
                   line=" ".join(parts) + " ", offsets=tuple(offsets))
