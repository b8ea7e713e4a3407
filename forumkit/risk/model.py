"""What a risk assessment says about one text: a level, the reasons, and the topics.

The reasons are for moderators only: a short code naming the rule that fired and a plain
explanation of it. They never quote the text, and nothing here is ever shown to the member
who wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RiskLevel(StrEnum):
    NONE = "none"  # nothing for moderators to look at
    CONCERN = "concern"  # distress or risk words, about someone else, or in the past
    HIGH = "high"  # the writer speaks of wanting to die, suicide or self-harm now

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {RiskLevel.NONE: 0, RiskLevel.CONCERN: 1, RiskLevel.HIGH: 2}


class Topic(StrEnum):
    """Topics an assessment can name: the keys of ForumKit's default content-warning labels,
    so content warnings can use them as they are. Another assessor may name any label key."""

    SUICIDE = "suicide"
    SELF_HARM = "self-harm"
    EATING_DISORDERS = "eating-disorders"
    ABUSE = "abuse"
    SEXUAL_VIOLENCE = "sexual-violence"
    SUBSTANCE_USE = "substance-use"
    BEREAVEMENT = "bereavement"
    VIOLENCE = "violence"


@dataclass(frozen=True)
class Reason:
    code: str  # the rule that fired, e.g. "plan_or_means"
    explanation: str  # for moderators, e.g. "speaks of a plan or means"


@dataclass(frozen=True)
class Assessment:
    level: RiskLevel
    reasons: tuple[Reason, ...] = ()
    topics: tuple[str, ...] = ()  # content-warning label keys the text is really about
    assessor: str = ""  # the name of the assessor that made it (after any fallback)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(reason.code for reason in self.reasons)


NOTHING = Assessment(level=RiskLevel.NONE)
