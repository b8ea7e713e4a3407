"""Scoring an assessor on a labelled set: recall and false alarms per topic and per level.

The set is JSON lines of {"text", "level", "topics", "kind", "split"}; `kind` groups the
hard cases ("figurative", "negation", "question", "media", "past", "other_person",
"everyday", "direct"); `split` is "tuning" for the sentences the word rules were written
against and "held-out" for those written after and never used to change a rule.
bench/risk_eval.py prints the figures; tests/risk hold the default assessor to the goals.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from forumkit.risk.assessor import Assessor
from forumkit.risk.model import Assessment, RiskLevel, Topic

FIGURATIVE = "figurative"
HELD_OUT = "held-out"


@dataclass(frozen=True)
class Example:
    text: str
    level: RiskLevel
    topics: frozenset[str]
    kind: str
    split: str = "tuning"


@dataclass(frozen=True)
class Rate:
    hits: int
    out_of: int

    @property
    def value(self) -> float:
        return self.hits / self.out_of if self.out_of else 0.0

    def __str__(self) -> str:
        return f"{self.value:.2f} ({self.hits}/{self.out_of})"


@dataclass(frozen=True)
class Goal:
    name: str
    rate: Rate
    at_least: float | None = None
    at_most: float | None = None

    @property
    def met(self) -> bool:
        if self.at_least is not None and self.rate.value < self.at_least:
            return False
        return self.at_most is None or self.rate.value <= self.at_most

    @property
    def target(self) -> str:
        return f">= {self.at_least}" if self.at_least is not None else f"<= {self.at_most}"


@dataclass
class Report:
    size: int
    topic_recall: dict[str, Rate] = field(default_factory=dict)
    topic_false_alarms: dict[str, Rate] = field(default_factory=dict)
    level_recall: dict[RiskLevel, Rate] = field(default_factory=dict)  # at this level or above
    level_false_alarms: dict[RiskLevel, Rate] = field(default_factory=dict)
    exact_level: Rate = Rate(0, 0)
    figurative_false_alarms: Rate = Rate(0, 0)
    misses: list[tuple[Example, Assessment]] = field(default_factory=list)

    def goals(self) -> list[Goal]:
        return [
            Goal("recall, suicide", self.topic_recall[Topic.SUICIDE], at_least=0.9),
            Goal("recall, self-harm", self.topic_recall[Topic.SELF_HARM], at_least=0.9),
            Goal("false alarms on figures of speech", self.figurative_false_alarms,
                 at_most=0.05),
        ]


def load(path: Path) -> list[Example]:
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        try:
            examples.append(Example(item["text"], RiskLevel(item["level"]),
                                    frozenset(item["topics"]), item.get("kind", ""),
                                    item.get("split", "tuning")))
        except (KeyError, ValueError) as exc:
            raise ValueError(f"{path}:{number}: {exc}") from None
    return examples


def _false_alarm(example: Example, got: Assessment) -> bool:
    return got.level.rank > example.level.rank or not set(got.topics) <= example.topics


def score(assessor: Assessor, examples: Sequence[Example],
          topics: Iterable[str] = tuple(Topic)) -> Report:
    results = [(example, assessor.assess(example.text)) for example in examples]
    report = Report(size=len(examples))
    for topic in topics:
        labelled = [got for ex, got in results if topic in ex.topics]
        others = [got for ex, got in results if topic not in ex.topics]
        report.topic_recall[topic] = Rate(sum(topic in g.topics for g in labelled),
                                          len(labelled))
        report.topic_false_alarms[topic] = Rate(sum(topic in g.topics for g in others),
                                                len(others))
    for level in (RiskLevel.CONCERN, RiskLevel.HIGH):
        at = [got for ex, got in results if ex.level.rank >= level.rank]
        below = [got for ex, got in results if ex.level.rank < level.rank]
        report.level_recall[level] = Rate(sum(g.level.rank >= level.rank for g in at), len(at))
        report.level_false_alarms[level] = Rate(sum(g.level.rank >= level.rank for g in below),
                                                len(below))
    report.exact_level = Rate(sum(ex.level is got.level for ex, got in results), len(results))
    figurative = [(ex, got) for ex, got in results if ex.kind == FIGURATIVE]
    report.figurative_false_alarms = Rate(sum(_false_alarm(ex, got) for ex, got in figurative),
                                          len(figurative))
    report.misses = [(ex, got) for ex, got in results
                     if ex.level is not got.level or set(got.topics) != ex.topics]
    return report
