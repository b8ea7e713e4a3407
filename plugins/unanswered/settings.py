"""The unanswered plugin's settings: channels, rules per forum and per subforum, the rota.

Everything here becomes the admin's form (JSON Schema). Times are minutes; a rule for a
subforum (category) names only what differs from the forum's rule.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from forumkit.mirror.models import NEW_FOR_DAYS, SETTLING_DAYS
from forumkit.outbound import check_url

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
DEFAULT_SKIPPED_MODES = ["diary", "reactions_only", "held"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ChannelTarget(_Strict):
    """Where one named channel delivers: the forum itself, or an outside service."""

    kind: Literal["adapter", "webhook", "slack", "email"] = Field(
        description="adapter: a message to the moderators on the forum itself; webhook: a "
        "signed JSON POST (Standard Webhooks); slack: a Slack-compatible incoming webhook; "
        "email: a message over SMTP"
    )
    url: Annotated[str | None, AfterValidator(check_url)] = Field(
        default=None, max_length=2000,
        description="webhook and slack; a public address unless the operator allows it "
        "(FORUMKIT_OUTBOUND_ALLOW)",
    )
    secret: str | None = Field(
        default=None, max_length=200, description="webhook: the signing secret (whsec_...)"
    )
    addresses: list[str] = Field(default_factory=list, max_length=20, description="email")

    @model_validator(mode="after")
    def _needs(self) -> ChannelTarget:
        if self.kind in ("webhook", "slack"):
            if not self.url or not self.url.startswith(("https://", "http://")):
                raise ValueError(f"a {self.kind} channel needs a url starting with https://")
        if self.kind == "webhook" and not self.secret:
            raise ValueError("a webhook channel needs a secret to sign with")
        if self.kind == "email":
            if not self.addresses:
                raise ValueError("an email channel needs at least one address")
            bad = [a for a in self.addresses if not EMAIL.match(a)]
            if bad:
                raise ValueError(f"not e-mail addresses: {', '.join(bad)}")
        return self

    def target(self) -> dict[str, object]:
        """The `to` of an alert action for this channel."""
        if self.kind == "email":
            return {"addresses": list(self.addresses)}
        if self.kind == "webhook":
            return {"url": self.url, "secret": self.secret}
        if self.kind == "slack":
            return {"url": self.url}
        return {}


class Escalation(_Strict):
    after_minutes: int = Field(
        ge=1, le=60 * 24 * 14,
        description="Minutes after the post (counted like the peer window) when this tier fires",
    )
    channels: list[str] = Field(min_length=1, description="Names of channels to alert")


class Shift(_Strict):
    days: list[Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]] = Field(min_length=1)
    start: str = Field(description="HH:MM, local time in the rota's time zone")
    end: str = Field(description="HH:MM; at or before start means the shift ends the next day")

    @field_validator("start", "end")
    @classmethod
    def _hhmm(cls, value: str) -> str:
        if not HHMM.match(value):
            raise ValueError("write the time as HH:MM, e.g. 09:00")
        return value


class Rota(_Strict):
    timezone: str = Field(default="UTC", description="IANA zone, e.g. Europe/London")
    shifts: list[Shift] = Field(
        default_factory=list,
        description="When moderators are on duty. Empty: always on duty.",
    )

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value


OutsideRota = Literal["hold", "route"]


class Rule(_Strict):
    """How long peers have, and who hears about a post after that."""

    peer_window_minutes: int = Field(
        default=240, ge=1, le=60 * 24 * 7,
        description="Minutes peers have to answer before moderators are alerted (tier 1)",
    )
    new_member_window_minutes: int = Field(
        default=60, ge=1, le=60 * 24 * 7,
        description="The same for a new member's post, marked 'new member: welcome them'",
    )
    channels: list[str] = Field(
        default_factory=lambda: ["moderators"], min_length=1,
        description="Names of channels tier 1 alerts",
    )
    escalation: list[Escalation] = Field(
        default_factory=lambda: [Escalation(after_minutes=720, channels=["moderators"])],
        max_length=5, description="Later tiers (2, 3, ...) while the post is still unanswered",
    )
    outside_rota: OutsideRota = Field(
        default="hold",
        description="hold: the windows count only rota time, alerts wait for the rota to "
        "open; route: alerts fire on time and go to the out-of-hours channels",
    )
    out_of_hours_channels: list[str] = Field(
        default_factory=list, description="Names of channels used outside the rota (route)"
    )
    fallback_channel: str | None = Field(
        default=None, description="A channel that also gets an alert its own channels have "
        "not delivered within fallback_after_minutes (the forum down, a receiver failing)",
    )
    fallback_after_minutes: int = Field(
        default=10, ge=1, le=24 * 60,
        description="Minutes an alert may wait for delivery before the fallback channel gets it",
    )


class CategoryRule(_Strict):
    """A subforum's rule: only the fields given replace the forum's rule."""

    peer_window_minutes: int | None = Field(default=None, ge=1, le=60 * 24 * 7)
    new_member_window_minutes: int | None = Field(default=None, ge=1, le=60 * 24 * 7)
    channels: list[str] | None = None
    escalation: list[Escalation] | None = Field(default=None, max_length=5)
    outside_rota: OutsideRota | None = None
    out_of_hours_channels: list[str] | None = None
    fallback_channel: str | None = None
    fallback_after_minutes: int | None = Field(default=None, ge=1, le=24 * 60)


class UnansweredSettings(_Strict):
    channels: dict[str, ChannelTarget] = Field(
        default_factory=lambda: {"moderators": ChannelTarget(kind="adapter")},
        max_length=20, description="Named places alerts go, used by the rules (at most 20)",
    )
    rule: Rule = Field(default_factory=Rule, description="The forum's rule")
    categories: dict[str, CategoryRule] = Field(
        default_factory=dict, description="Rules of subforums by category id, e.g. a crisis "
        "subforum with a 30-minute window",
    )
    rota: Rota = Field(default_factory=Rota, description="Moderators' weekly hours")
    new_member_posts: int = Field(
        default=1, ge=0, le=50,
        description="A member's first this-many posts get the new-member window (0: none)",
    )
    new_member_settling_days: int = Field(
        default=SETTLING_DAYS, ge=0, le=365,
        description="For members the platform sent no join time for: only those ForumKit "
        "first sees this many days after the forum connected count as new",
    )
    new_member_days: int = Field(
        default=NEW_FOR_DAYS, ge=1, le=365,
        description="Members who joined (by the platform's join time) longer ago than this "
        "are not new",
    )
    reactions_answer: bool = Field(
        default=False, description="A reaction by someone else counts as an answer"
    )
    skip_response_modes: list[str] = Field(
        default_factory=lambda: list(DEFAULT_SKIPPED_MODES),
        description="Threads in these response modes are not watched (the author asked for "
        "no replies, or for replies later)",
    )
    stale_after_days: int = Field(
        default=7, ge=1, le=90,
        description="Posts older than this when first seen (an import of history), and "
        "tiers that fell due longer ago than this (a long outage), are not alerted",
    )
    excerpt_chars: int = Field(
        default=0, ge=0, le=280,
        description="Characters of the post shown in alerts (0: none; kept only while the "
        "post waits)",
    )
    risk_alerts: bool = Field(
        default=True,
        description="Alert the moderators at once when a post's words suggest its writer may "
        "be at risk now, whatever the thread's mode or labels (the member is never told)",
    )
    risk_escalate_minutes: int = Field(
        default=15, ge=1, le=24 * 60,
        description="A risk alert nobody has claimed or acknowledged after this many minutes "
        "goes to the escalation channels",
    )
    risk_labels: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(
        default_factory=lambda: ["suicide", "self-harm"], max_length=20,
        description="Content-warning labels that, on a post whose words speak of its "
        "writer's distress now, make it a risk alert (the words alone may too)",
    )
    risk_assessor: str = Field(
        default="words", min_length=1, max_length=64,
        description='Who assesses posts: "words" (the word rules), "http" (a classifier at '
        "risk_classifier_url, falling back to the word rules), or an installed assessor",
    )
    risk_classifier_url: Annotated[str | None, AfterValidator(check_url)] = Field(
        default=None, description='The classifier\'s address, for risk_assessor "http"',
    )

    @model_validator(mode="after")
    def _names(self) -> UnansweredSettings:
        rules: list[tuple[str, Rule | CategoryRule]] = [("rule", self.rule)]
        rules += [(f"categories.{k}", v) for k, v in self.categories.items()]
        for where, rule in rules:
            named = list(rule.channels or []) + list(rule.out_of_hours_channels or [])
            named += [rule.fallback_channel] if rule.fallback_channel else []
            for tier in rule.escalation or []:
                named += tier.channels
            unknown = sorted({n for n in named if n not in self.channels})
            if unknown:
                raise ValueError(f"{where}: no channel called {', '.join(unknown)}")
        for key in [*self.categories, "rule"]:
            resolved = self.rule_for(None if key == "rule" else key)
            window = max(resolved.peer_window_minutes, resolved.new_member_window_minutes)
            last = window
            for tier in resolved.escalation:
                if tier.after_minutes <= last:
                    raise ValueError(
                        f"{key}: each escalation tier must come after the peer windows and "
                        f"the tier before ({tier.after_minutes} <= {last} minutes)"
                    )
                last = tier.after_minutes
            if resolved.outside_rota == "route" and not resolved.out_of_hours_channels:
                raise ValueError(f"{key}: outside_rota 'route' needs out_of_hours_channels")
        if self.risk_assessor == "http" and not self.risk_classifier_url:
            raise ValueError('risk_assessor "http" needs risk_classifier_url')
        return self

    def rule_for(self, category: str | None) -> Rule:
        """The forum's rule with the subforum's changes applied."""
        override = self.categories.get(category) if category else None
        if override is None:
            return self.rule
        changes = override.model_dump(exclude_none=True)
        return self.rule.model_copy(update={
            **changes,
            **({"escalation": override.escalation} if override.escalation is not None else {}),
        })
