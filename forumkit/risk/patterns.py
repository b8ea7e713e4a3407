"""Phrase patterns over stems: a small notation for word rules, compiled once to regexes.

A pattern is words separated by spaces; each word is stemmed as texts are, so "ending"
in a pattern matches "end", "ends", "ended" and "ending" in a text:

    want|wish to ~1 die        alternatives with |; "~N" lets up to N other words in
    end {MY} ~1 life           {NAME} stands for a list of alternatives (MACROS)
    kill <SELF>                <NAME> too, and marks the words that say who it is about
    be_here_anymore            _ joins words into one alternative ("be here anymore")
    really? hurt               ? makes a word optional
    cutting $                  $ is the end of a clause, ^ its start
    cut again|$                "again", or the end of the clause

A pattern matches within one clause (see reading.py) and only on whole words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from forumkit.risk.reading import Reading, stem

WHO = "who"


class PatternError(ValueError):
    """A pattern that cannot be compiled: a mistake in the rules, found at import time."""


def _alternatives(element: str, macros: Mapping[str, str]) -> list[str]:
    options: list[str] = []
    for option in element.split("|"):
        if option.startswith(("{", "<")) and option.endswith(("}", ">")):
            name = option[1:-1]
            if name not in macros:
                raise PatternError(f"unknown macro {option!r}")
            options.extend(_alternatives(macros[name], macros))
            continue
        if not option:
            raise PatternError(f"empty alternative in {element!r}")
        options.append(" ".join(re.escape(stem(part)) for part in option.split("_")))
    return options


def _element(element: str, macros: Mapping[str, str]) -> str:
    if element == "$":
        return "(?=# )"
    if element == "^":
        return "(?<=# )"
    if re.fullmatch(r"~\d", element):
        return f"(?:[^ #]+ ){{0,{element[1:]}}}"
    optional = element.endswith("?") and len(element) > 1
    body = element[:-1] if optional else element
    group = "?:"
    if body.startswith("<") and body.endswith(">"):
        group = f"?P<{WHO}>"
        body = body.replace("<", "{").replace(">", "}")
    options = body.split("|")
    at_end = "$" in options  # "again|$": the word, or the end of the clause
    body = "|".join(o for o in options if o != "$")
    words = "|".join(sorted(set(_alternatives(body, macros)), key=len, reverse=True))
    regex = f"({group}(?:{words}) |(?=# ))" if at_end else f"({group}(?:{words}) )"
    return regex + "?" if optional else regex


def compile_pattern(source: str, macros: Mapping[str, str]) -> re.Pattern[str]:
    elements = source.split()
    if not elements:
        raise PatternError("an empty pattern")
    if sum(e.startswith("<") for e in elements) > 1:
        raise PatternError(f"{source!r}: only one <...> may say who it is about")
    try:
        return re.compile("(?<= )" + "".join(_element(e, macros) for e in elements))
    except re.error as exc:
        raise PatternError(f"{source!r}: {exc}") from None


@dataclass(frozen=True)
class Found:
    first: int  # the first word matched
    last: int  # the last word matched
    who: range  # the words that say who it is about, when the pattern marks them


def _first_stems(element: str, macros: Mapping[str, str]) -> frozenset[str] | None:
    """The stems one of which a text must hold for this element to match (the first word
    of each alternative), or None when it can match without a word of its own."""
    if element in ("$", "^") or re.fullmatch(r"~\d", element):
        return None
    if element.endswith("?") and len(element) > 1:
        return None
    options = element.replace("<", "{").replace(">", "}").split("|")
    if "$" in options:
        return None
    body = "|".join(options)
    return frozenset(_first_words(body, macros))


def _first_words(element: str, macros: Mapping[str, str]) -> list[str]:
    words: list[str] = []
    for option in element.split("|"):
        if option.startswith("{") and option.endswith("}"):
            words += _first_words(macros[option[1:-1]], macros)
        else:
            words.append(stem(option.split("_")[0]))
    return words


@dataclass(frozen=True)
class Pattern:
    source: str
    regex: re.Pattern[str]
    # For each word the pattern cannot do without, the stems that can stand there: a text
    # lacking all of one set cannot match, and its regex is not run.
    needs: tuple[frozenset[str], ...] = ()

    @classmethod
    def build(cls, source: str, macros: Mapping[str, str]) -> Pattern:
        needs = (_first_stems(e, macros) for e in source.split())
        return cls(source, compile_pattern(source, macros),
                   tuple(need for need in needs if need is not None))

    def find(self, reading: Reading) -> Iterator[Found]:
        stems = reading.stem_set
        if any(need.isdisjoint(stems) for need in self.needs):
            return
        for match in self.regex.finditer(reading.line):
            if match.end() == match.start():
                continue
            who = range(0)
            if WHO in self.regex.groupindex and match.start(WHO) >= 0:
                who = range(reading.index_at(match.start(WHO)),
                            reading.index_at(match.end(WHO) - 2) + 1)
            yield Found(first=reading.index_at(match.start()),
                        last=reading.index_at(match.end() - 2), who=who)
