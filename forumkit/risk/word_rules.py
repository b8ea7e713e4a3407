"""The default assessor: word rules (rules.py) over a reading of the text (reading.py).

For each rule that matches, in this order:

1. a figurative phrase that overlaps the match cancels it ("my phone died");
2. a negator just before it cancels it ("I'm not suicidal");
3. who it is about: the word the pattern marks (myself, herself), else the nearest person
   before it in the sentence (I, my sister, she), else after it; none at all is the writer
   for most rules, and talk about the subject for bare nouns unless the sentence speaks of
   now ("suicide awareness week" is a topic; "suicidal again tonight" is the writer);
4. when: the past or recovery, unless the sentence also speaks of now ("again");
5. framing: talk about someone else as a question, a hypothetical, a story or the news.

Then the level: HIGH rules about the writer now are high; about someone else or the past,
a concern; framed or about nobody, a topic only. CONCERN rules are a concern about anyone,
and a topic only in the past or when framed. SIGN rules (a plan, means, a time, a goodbye)
add their reason beside a high finding and say nothing alone.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from forumkit.risk.model import Assessment, Reason, RiskLevel
from forumkit.risk.patterns import Found, Pattern
from forumkit.risk.reading import Reading, read, stem
from forumkit.risk.rules import (
    EXPLANATIONS,
    FIGURATIVE,
    FIRST,
    HELPERS,
    HYPOTHETICAL,
    INFORMATION,
    NEGATION_REACH,
    NEGATORS,
    OTHER,
    PAST,
    RECENT,
    RECOVERED,
    RULES,
    Rule,
    Weight,
)

MAX_CHARS = 20_000  # a longer text is assessed on its first part
_ELSE, _ANY = stem("else"), frozenset({stem("anyone"), stem("anybody")})


class Who(Enum):
    WRITER = "writer"
    OTHER = "other"
    NOBODY = "nobody"  # talk about a subject, not about a person


@dataclass(frozen=True)
class Finding:
    rule: Rule
    first: int
    last: int
    who: Who
    past: bool
    framed: bool
    level: RiskLevel


def _marked(reading: Reading, patterns: Iterable[Pattern]) -> set[int]:
    """The sentences in which any of the patterns occurs."""
    return {reading.sentence[found.first] for p in patterns for found in p.find(reading)}


def figurative_words(reading: Reading) -> set[int]:
    """The indexes of words inside a figurative or everyday phrase."""
    return _overlapping(reading, FIGURATIVE)


def negated(reading: Reading, first: int) -> bool:
    """True when a negator stands just before word `first` in its clause, with only helper
    words between them."""
    clause = reading.clause[first]
    at = first - 1
    steps = 0
    while at >= 0 and reading.clause[at] == clause and steps <= NEGATION_REACH:
        word = reading.stems[at]
        if word in NEGATORS or word.endswith("n't"):
            return not word.startswith(("can", "could"))  # "can't" is not a denial
        if word not in HELPERS:
            return False
        at -= 1
        steps += 1
    return False


def _person(reading: Reading, index: int) -> Who | None:
    word = reading.stems[index]
    if word in FIRST:
        return Who.WRITER
    if word == _ELSE and index > 0 and reading.stems[index - 1] in _ANY:
        return Who.WRITER  # "anyone else feel like this?" speaks of the writer too
    return Who.OTHER if word in OTHER else None


def _who(reading: Reading, rule: Rule, found: Found, recent: bool) -> tuple[Who, bool]:
    """Who a match is about, and whether a word said so (not only assumed)."""
    for at in found.who:
        person = _person(reading, at)
        if person is not None:
            return person, True
    sentence = reading.in_sentence(found.first)
    for at in range(found.first - 1, sentence.start - 1, -1):
        person = _person(reading, at)
        if person is not None:
            return person, True
    for at in range(found.first, sentence.stop):  # after it, only the writer: "feeling
        if _person(reading, at) is Who.WRITER:  # suicidal again, I ..."; others after a
            return Who.WRITER, True  # match are its object, marked in the pattern
    if rule.needs_person and not recent:
        return Who.NOBODY, False
    return Who.WRITER, False


def _level(weight: Weight, who: Who, past: bool, framed: bool) -> RiskLevel:
    if weight in (Weight.TOPIC, Weight.SIGN) or who is Who.NOBODY or framed:
        return RiskLevel.NONE
    if weight is Weight.HIGH:
        return RiskLevel.HIGH if who is Who.WRITER and not past else RiskLevel.CONCERN
    return RiskLevel.NONE if past else RiskLevel.CONCERN


def _overlapping(reading: Reading, patterns: Iterable[Pattern]) -> set[int]:
    """The indexes of words inside any match of the patterns."""
    words: set[int] = set()
    for pattern in patterns:
        for found in pattern.find(reading):
            words.update(range(found.first, found.last + 1))
    return words


def findings(reading: Reading) -> list[Finding]:
    """Every rule that matched and survived the words around it, in rule order."""
    if not reading.words:
        return []
    figurative = _overlapping(reading, FIGURATIVE)
    information = _overlapping(reading, INFORMATION)
    recovered = _overlapping(reading, RECOVERED)
    past, recent = _marked(reading, PAST), _marked(reading, RECENT)
    framing = _marked(reading, HYPOTHETICAL)
    found: list[Finding] = []
    for rule in RULES:
        for pattern in rule.patterns:
            for match in pattern.find(reading):
                span = range(match.first, match.last + 1)
                if any(i in figurative for i in span):
                    continue
                sentence = reading.sentence[match.first]
                is_recent = sentence in recent
                is_past = (sentence in past and not is_recent) or any(i in recovered
                                                                      for i in span)
                if negated(reading, match.first) and not is_past:
                    continue  # "I haven't cut myself in a year" is recovery, not denial
                who, said = _who(reading, rule, match, is_recent)
                if any(i in information for i in span):
                    who = Who.NOBODY
                framed = not (who is Who.WRITER and said) and sentence in framing
                found.append(Finding(rule, match.first, match.last, who, is_past, framed,
                                     _level(rule.weight, who, is_past, framed)))
    return found


def summarise(found: list[Finding], assessor: str) -> Assessment:
    """The assessment the findings add up to."""
    level = max((f.level for f in found), key=lambda lv: lv.rank, default=RiskLevel.NONE)
    topics: dict[str, None] = {}
    codes: dict[str, None] = {}
    for finding in found:
        if finding.rule.weight is Weight.SIGN:
            if level is RiskLevel.HIGH:
                codes[finding.rule.code] = None
            continue
        if finding.rule.topic is not None:
            topics[str(finding.rule.topic)] = None
        if finding.level is RiskLevel.NONE or finding.level.rank < level.rank:
            continue
        codes[finding.rule.code] = None
        if finding.who is Who.OTHER:
            codes["about_someone_else"] = None
        if finding.past:
            codes["in_the_past"] = None
    reasons = tuple(Reason(code, EXPLANATIONS[code]) for code in codes)
    return Assessment(level=level, reasons=reasons, topics=tuple(topics), assessor=assessor)


KEPT_READINGS = 256  # the last texts read, by digest of the text


@dataclass(frozen=True)
class Read:
    """A text's reading and the rules' findings in it."""

    reading: Reading
    findings: tuple[Finding, ...]


_recent: OrderedDict[bytes, Read] = OrderedDict()
_recent_lock = threading.Lock()


def read_once(text: str) -> Read:
    """The text read and its findings. A post is read by several features as it arrives
    (alerts, content warnings' offer); the last few are kept by a digest of the text, never
    the text, so each post is read once."""
    digest = hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=16).digest()
    with _recent_lock:
        found = _recent.get(digest)
        if found is not None:
            _recent.move_to_end(digest)
            return found
    reading = read(text)
    found = Read(reading, tuple(findings(reading)))
    with _recent_lock:
        _recent[digest] = found
        while len(_recent) > KEPT_READINGS:
            _recent.popitem(last=False)
    return found


class WordRulesAssessor:
    """Phrase rules over word forms; the default, and the fallback of every other."""

    name = "words"

    def assess(self, text: str) -> Assessment:
        """The text's assessment (its first MAX_CHARS characters)."""
        return summarise(list(read_once(text[:MAX_CHARS]).findings), self.name)
