"""The queue's edge models: alerts as moderators and platforms see them, and request bodies."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from forumkit.inputs import Input
from forumkit.links import safe_link
from forumkit.mirror.models import Post, Thread
from forumkit.plugins.unanswered.models import UnansweredAlert, UnansweredAlertStep
from forumkit.plugins.unanswered.rules import waited_words


class AlertStepOut(BaseModel):
    at: datetime
    actor: str
    action: str
    note: str | None


class ReasonOut(BaseModel):
    code: str = Field(description="The rule that found it, e.g. plan_or_means")
    explanation: str = Field(description="In plain words, for moderators")


class AlertOut(BaseModel):
    id: int
    kind: Literal["unanswered", "risk"] = Field(
        description="risk: the post's words suggest its writer may be at risk now (fired at "
                    "once, whatever the thread's mode); unanswered: left without a reply")
    reasons: list[ReasonOut] = Field(default_factory=list, description="Why a risk alert "
                                     "fired; for moderators only, never the member's words")
    post_id: str = Field(description="The platform's post id")
    thread_id: str = Field(description="The platform's thread id")
    tier: int
    due_at: datetime
    fired_at: datetime
    state: Literal["open", "claimed", "acknowledged", "snoozed", "resolved"]
    new_member: bool
    labels: list[str]
    url: str | None
    category: str | None = Field(description="The platform's id of the subforum")
    category_name: str | None = Field(default=None, description="The subforum's name, as the "
                                      "platform last sent it; null until it sends one")
    thread_title: str | None
    waited: str = Field(description="How long the post has waited, in words")
    overdue_minutes: int = Field(description="Minutes since the alert fell due")
    late: bool = Field(description="Fired late, after the service was down at its deadline")
    out_of_hours: bool
    channels: list[str]
    claimed_by: str | None
    snoozed_until: datetime | None
    resolved_at: datetime | None
    resolution: str | None
    note: str | None
    steps: list[AlertStepOut] | None = None

    @classmethod
    def of(cls, alert: UnansweredAlert, post: Post, thread: Thread, labels: list[str],
           now: datetime, steps: list[UnansweredAlertStep] | None = None, *,
           category_name: str | None = None) -> AlertOut:
        assert alert.id is not None
        posted = post.created_at or alert.due_at
        state = alert.state
        if state == "snoozed" and alert.snoozed_until and alert.snoozed_until <= now:
            state = "claimed" if alert.claimed_by else "open"  # the snooze has ended
        end = alert.resolved_at or now
        return cls(
            id=alert.id, kind=alert.kind,  # type: ignore[arg-type]
            reasons=[ReasonOut(**r) for r in alert.reasons or []],
            post_id=post.ext_id, thread_id=thread.ext_id, tier=alert.tier,
            due_at=alert.due_at, fired_at=alert.fired_at, state=state,  # type: ignore[arg-type]
            new_member=alert.new_member, labels=labels,
            url=safe_link(post.url) or safe_link(thread.url),
            category=alert.category_id,
            category_name=category_name if alert.category_id else None,
            thread_title=thread.title,
            waited=waited_words((end - posted).total_seconds() / 60),
            overdue_minutes=max(0, int((end - alert.due_at).total_seconds() // 60)),
            late=alert.late, out_of_hours=alert.out_of_hours, channels=alert.channels,
            claimed_by=alert.claimed_by, snoozed_until=alert.snoozed_until,
            resolved_at=alert.resolved_at, resolution=alert.resolution, note=alert.note,
            steps=None if steps is None else [
                AlertStepOut(at=s.at, actor=s.actor, action=s.action, note=s.note) for s in steps
            ],
        )


class ResolveIn(Input):
    model_config = ConfigDict(extra="forbid")
    note: str | None = Field(default=None, max_length=1000,
                             description="What was done; seen by moderators, not members")


class SnoozeIn(Input):
    model_config = ConfigDict(extra="forbid")
    minutes: int | None = Field(default=None, ge=1, le=60 * 24 * 7)
    until: AwareDatetime | None = None


class TestAlertIn(Input):
    model_config = ConfigDict(extra="forbid")
    channel: str = Field(max_length=100, description="The name of a configured channel")


class CountsOut(BaseModel):
    open: int
    snoozed: int
    claimed: int
    acknowledged: int
    new_member: int
    risk: int = Field(description="Open risk alerts: posts that may need a moderator now")


class FirstResponseRow(BaseModel):
    category: str | None
    week: str = Field(description="Monday of the week (UTC), YYYY-MM-DD")
    posts: int
    answered: int
    median_minutes: float | None
    p90_minutes: float | None


class StatsOut(BaseModel):
    since: datetime
    until: datetime
    first_response: list[FirstResponseRow]
    alerts_per_tier: dict[str, int]
    posts_watched: int
    answered_by_peers_before_alert: int
    peer_answered_share: float | None


class AlertFields(BaseModel):
    """The `fields` of an alert message about a post (unanswered or at risk): short facts by
    name, the same on every channel; a field that does not apply is left out."""

    model_config = ConfigDict(extra="forbid")

    alert_id: int = Field(description="The alert's id in ForumKit (the queue's links use it)")
    kind: str = Field(description="unanswered, or risk")
    post_id: str = Field(description="The platform's id of the post")
    thread_id: str = Field(description="The platform's id of the thread")
    thread_title: str | None = Field(description="The thread's title, if the platform sent one")
    subforum: str | None = Field(description="The platform's id of the subforum")
    subforum_name: str | None = Field(default=None, description="The subforum's name, as "
                                      "the platform last sent it (left out until it sends one)")
    waited_minutes: int = Field(description="Minutes since the post was written")
    waited: str = Field(description="The same, in words (\"4 h 5 min\")")
    tier: int = Field(description="1 for the first alert, 2, 3... for each escalation")
    new_member: bool = Field(description="The writer is new to the forum")
    labels: list[str] = Field(description="The post's content-warning keys")
    late: bool = Field(description="The alert went out later than its due time")
    out_of_hours: bool = Field(description="Sent outside the forum's moderation hours")
    due_at: str = Field(description="When the alert fell due (RFC 3339)")
    excerpt: str | None = Field(default=None, description="The post's first words, only when "
                                "the forum opted in to excerpts")
    resolution: str | None = Field(default=None, description="How a resolved alert ended: "
                                   "answered, moderator, deleted, skipped")
    reasons: list[str] | None = Field(default=None, description="Risk alerts: what the rules "
                                      "found, as explanations (never the member's words)")
    reason_codes: list[str] | None = Field(default=None, description="The same, as codes")
