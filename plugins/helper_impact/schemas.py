"""Edge models of the helper-impact routes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from forumkit.events import PlatformId
from forumkit.inputs import Input
from forumkit.plugins.helper_impact.models import FEEDBACK_MAX, NOTE_MAX


class NoteIn(Input):
    member_id: PlatformId = Field(description="The member leaving the note: the person helped")
    text: str = Field(min_length=1, max_length=NOTE_MAX,
                      description="What changed for them; stored, never logged")
    anonymous: bool = Field(default=False, description="Don't tell the helper who wrote it")
    public: bool = Field(default=False, description="Show it under the reply to every reader")


class NoteOut(BaseModel):
    id: int
    post_id: str | None
    thread_id: str | None
    text: str
    anonymous: bool
    public: bool
    labels: list[str] = Field(description="Content warnings suggested for the note's text")
    from_post_id: str | None = Field(
        description="A post of the note's writer in the thread, to show who wrote it; "
                    "null when anonymous")
    created_at: datetime


class NoteCreated(NoteOut):
    suggested_labels: list[dict[str, Any]] = Field(
        description="What the content-warning suggester matched, as for compose-check")


class PublicNotes(BaseModel):
    notes: list[NoteOut]


class Withdrawn(BaseModel):
    withdrawn: bool


class ReactionCount(BaseModel):
    key: str
    emoji: str
    words: str
    count: int


class ImpactOut(BaseModel):
    member_id: str
    since: datetime
    until: datetime
    replies_given: int = Field(description="Replies in threads started by other people")
    threads_supported: int
    people_helped: int = Field(description="Members who thanked their replies in other "
                               "people's threads, or left a note")
    reactions: list[ReactionCount] = Field(description="Thanks on their replies in other "
                                           "people's threads: help they gave")
    reactions_total: int
    impact_notes: list[NoteOut]
    support_received: int = Field(default=0, description="Thanks on posts in threads they "
                                  "started: support they received, kept apart")


class PreferencesIn(Input):
    digest: bool | None = Field(default=None, description="The weekly summary message")
    note_messages: bool | None = Field(
        default=None, description="A message when someone leaves a note on their reply")


class PreferencesOut(BaseModel):
    digest: bool
    note_messages: bool


class CareThread(BaseModel):
    thread_id: str | None
    title: str
    url: str | None
    status: str = Field(description="What moderators are doing about the thread")
    labels: list[str]
    replies: int
    last_reply_at: datetime | None
    last_reply_post_id: str
    last_reply_url: str | None


class CarryingOut(BaseModel):
    helper: str = Field(description="The start of the helper's pseudonym")
    thread_count: int
    replies: int
    latest_reply_post_id: str = Field(description="Their latest such reply, to find them")
    latest_reply_url: str | None
    last_reply_at: datetime | None
    told_at: datetime | None = Field(description="When they were sent the care message")
    threads: list[CareThread]


class HelperCareOut(BaseModel):
    window_hours: int
    threshold: int
    helpers: list[CarryingOut]


class FeedbackIn(Input):
    member_id: PlatformId
    text: str = Field(min_length=1, max_length=FEEDBACK_MAX,
                      description="A suggestion about how the forum works")


class AnswerIn(Input):
    text: str = Field(min_length=1, max_length=FEEDBACK_MAX)


class FeedbackOut(BaseModel):
    id: int
    text: str
    created_at: datetime
    state: str = Field(description="open or answered")
    answer: str | None
    answered_at: datetime | None


class FeedbackAdminOut(FeedbackOut):
    answered_by: str | None
