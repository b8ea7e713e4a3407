"""Suggesters: what proposes content-warning labels for a text, and the default one.

A suggester is any object with a `name` and `suggest(text, lexicon)`. Another package can
ship one through the `forumkit.content_warnings.suggesters` entry-point group (the value
names a class or a factory taking no arguments); a forum picks one by name in its settings.

The default, "lexicon", matches the forum's per-label word list (see matching.py) and
reads it with the core's risk word rules (forumkit.risk):
- for labels that are risk topics (suicide, self-harm, violence, ...: forumkit.risk.Topic),
  a word that is denied ("I'm not suicidal") or part of a figure of speech ("this traffic
  is killing me", "a panic attack") does not suggest the label;
- a risk topic the rules find in other words ("I wish I was dead", "ending my life")
  suggests its label too, when the forum has that label, kept with the rule's code (never
  the post's words).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from threading import Lock
from typing import Protocol

from forumkit.plugins.content_warnings.matching import Matcher
from forumkit.risk.model import Topic
from forumkit.risk.word_rules import figurative_words, negated, read_once

log = logging.getLogger(__name__)
GROUP = "forumkit.content_warnings.suggesters"
RISK_TOPICS = frozenset(str(topic) for topic in Topic)
RULE_TERM = "risk rule: {code}"  # what a suggestion from the risk rules keeps


@dataclass(frozen=True)
class Suggestion:
    key: str  # the label's key
    matched: tuple[str, ...]  # the words of the text that suggested it, for the author
    terms: tuple[str, ...] = ()  # the list's phrases behind them, kept with a suggestion


@dataclass
class Lexicon:
    """The forum's word list: label key -> phrases, for labels that are not retired."""

    terms: dict[str, tuple[str, ...]]
    _matcher: Matcher[str] | None = field(default=None, repr=False)

    def matcher(self) -> Matcher[str]:
        if self._matcher is None:
            self._matcher = Matcher.build(
                (phrase, key) for key, phrases in self.terms.items() for phrase in phrases
            )
        return self._matcher


class Suggester(Protocol):
    name: str

    def suggest(self, text: str, lexicon: Lexicon) -> list[Suggestion]: ...


class LexiconSuggester:
    """Proposes each label whose words or phrases appear in the text."""

    name = "lexicon"

    def suggest(self, text: str, lexicon: Lexicon) -> list[Suggestion]:
        read = read_once(text)
        reading = read.reading
        figurative = figurative_words(reading)
        matched: dict[str, dict[str, None]] = {}
        terms: dict[str, dict[str, None]] = {}
        for match in lexicon.matcher().find(text, reading):
            if match.value in RISK_TOPICS and (
                    negated(reading, match.first)
                    or any(i in figurative for i in range(match.first, match.last + 1))):
                continue
            matched.setdefault(match.value, {})[match.text] = None
            terms.setdefault(match.value, {})[match.phrase] = None
        by_lexicon = set(matched)
        for finding in read.findings:
            key = str(finding.rule.topic) if finding.rule.topic is not None else ""
            if key not in lexicon.terms or key in by_lexicon:
                continue  # no such label here, or the forum's own words found it
            matched.setdefault(key, {})[reading.quote(text, finding.first, finding.last)] = None
            terms.setdefault(key, {})[RULE_TERM.format(code=finding.rule.code)] = None
        return [Suggestion(key=k, matched=tuple(matched[k]), terms=tuple(terms[k]))
                for k in matched]


_installed: dict[str, Suggester] = {}
_lock = Lock()
_loaded = False


def register(suggester: Suggester) -> None:
    """Install a suggester by its name (entry points do this at start-up)."""
    with _lock:
        _installed[suggester.name] = suggester


def installed() -> dict[str, Suggester]:
    global _loaded
    with _lock:
        if not _loaded:
            _installed.setdefault(LexiconSuggester.name, LexiconSuggester())
            for ep in entry_points(group=GROUP):
                try:
                    made = ep.load()()
                except Exception as exc:  # a broken add-on must not stop the service
                    log.error("suggester failed to load", extra={"entry_point": ep.name,
                                                                 "error": repr(exc)[:200]})
                    continue
                _installed[made.name] = made
            _loaded = True
        return dict(_installed)


def get(name: str) -> Suggester:
    found = installed().get(name)
    return found if found is not None else installed()[LexiconSuggester.name]
