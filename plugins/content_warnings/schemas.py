"""Edge models of the content-warning routes (the fixed ones are in shared API.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from forumkit.inputs import Input

Display = Literal["show", "blur", "hide"]
PlatformId = Annotated[str, Field(min_length=1, max_length=200)]
LabelKey = Annotated[str, Field(min_length=1, max_length=64)]


class _In(Input):
    model_config = ConfigDict(extra="forbid")


class LabelRef(BaseModel):
    key: str
    name: str


MAX_HINTS = 200  # ids of each kind in one render-hints request


class RenderHintsIn(_In):
    reader_id: PlatformId | None = Field(
        default=None, description="The reader's platform id; null for a reader not signed in")
    post_ids: list[PlatformId] = Field(
        default_factory=list, max_length=MAX_HINTS,
        description="The posts of the page (may be empty when thread_ids is not)")
    thread_ids: list[PlatformId] = Field(
        default_factory=list, max_length=MAX_HINTS,
        description="Threads whose titles the page lists (a topic list): each is drawn as "
        "its first post's labels say")

    @model_validator(mode="after")
    def _some_ids(self) -> RenderHintsIn:
        if not self.post_ids and not self.thread_ids:
            raise PydanticCustomError("ids_missing",
                                      "name at least one post (post_ids) or thread (thread_ids)")
        return self


class PostHint(BaseModel):
    display: Display = Field(description="show, blur (covered, with a way to reveal) or hide")
    labels: list[LabelRef] = Field(description="The post's labels in reader-facing words")
    notice: str | None = Field(description="A short text to show in the post's place")
    support: bool = Field(default=False, description="Show the forum's support resources "
                          "(`support` of the answer) beside this post: its thread carries a "
                          "support label")


class SupportResourceOut(BaseModel):
    name: str
    offers: str
    phone: str | None
    text: str | None
    url: str | None
    hours: str
    country: str


class SupportOut(BaseModel):
    line: str = Field(description="A gentle line to show before the resources")
    resources: list[SupportResourceOut]


class ThreadHint(BaseModel):
    display: Display = Field(description="show, blur or hide the thread's title in the list")
    labels: list[LabelRef] = Field(description="Its first post's labels in reader-facing words")
    notice: str | None = Field(description="A short text to show in the title's place")
    support: bool = Field(default=False, description="Show the forum's support resources "
                          "(`support` of the answer) beside this thread: it carries a support "
                          "label")


class RenderHintsOut(BaseModel):
    posts: dict[str, PostHint]
    unknown: list[str] = Field(description="Ids of posts ForumKit has not seen")
    threads: dict[str, ThreadHint] = Field(
        default_factory=dict, description="For each of thread_ids ForumKit knows: how to draw "
        "its title in a list")
    unknown_threads: list[str] = Field(
        default_factory=list, description="Ids of thread_ids whose thread, or whose first "
        "post, ForumKit has not seen")
    support: SupportOut | None = Field(
        default=None, description="The forum's support resources, when a post of the page "
        "should show them (and the forum has configured any)")


class ComposeCheckIn(_In):
    author_id: PlatformId | None = None
    title: str | None = Field(default=None, max_length=500)
    body: str | None = Field(default=None, max_length=200_000)


class SuggestedLabel(BaseModel):
    key: str
    name: str
    matched: list[str] = Field(description="The words of the text that suggested it")


class LanguageNoteOut(BaseModel):
    phrase: str = Field(description="The words as written")
    suggestion: str
    why: str


class ComposeCheckOut(BaseModel):
    suggested_labels: list[SuggestedLabel]
    language: list[LanguageNoteOut]
    support: SupportOut | None = Field(
        default=None, description="Where the draft's words suggest its writer may be at risk "
        "(and the forum has configured any): services to show the writer, with a gentle "
        "line. Never a word about why")


class PostLabelsIn(_In):
    by: Literal["author", "moderator"]
    actor_id: PlatformId = Field(description="The platform id of the author or moderator")
    labels: list[LabelKey] = Field(max_length=50, description="Every label the post should carry")
    reason: str | None = Field(default=None, max_length=500,
                               description="Required when a moderator adds a label; the "
                               "author is told it")


class PostLabelOut(BaseModel):
    key: str
    name: str
    source: str = Field(description="author, moderator or suggester")
    reason: str | None
    since: datetime
    retired: bool


class PendingOut(BaseModel):
    key: str
    name: str
    matched: list[str] = Field(description="The list's words that suggested it")
    since: datetime


class HistoryOut(BaseModel):
    at: datetime
    label: str
    change: str = Field(description="added, removed, suggested or dismissed")
    source: str
    reason: str | None
    matched: list[str]


class PostLabelsOut(BaseModel):
    post_id: str
    labels: list[PostLabelOut]
    suggested: list[PendingOut] = Field(description="Suggested, waiting for the author")
    history: list[HistoryOut]


class PreferencesIn(_In):
    labels: dict[LabelKey, Display] = Field(
        max_length=200, description="Display per label; labels left out take the forum default")


class PreferencesOut(BaseModel):
    labels: dict[str, Display]
    member_default: Display
    anonymous_default: Display


class LabelIn(_In):
    key: str = Field(min_length=1, max_length=64, description="Lower-case letters, digits, -")
    name: str = Field(min_length=1, max_length=100)
    description: str = Field(default="", max_length=300)


class LabelUpdate(_In):
    name: str | None = Field(default=None, min_length=1, max_length=100)
    description: str | None = Field(default=None, max_length=300)
    retired: bool | None = Field(default=None, description="Retired labels stay on old posts "
                                 "but cannot be added")


class LabelOut(BaseModel):
    key: str
    name: str
    description: str
    retired: bool


class LexiconIn(_In):
    terms: list[Annotated[str, Field(min_length=1, max_length=100)]] = Field(max_length=500)


class LexiconOut(BaseModel):
    label: str
    terms: list[str]


class LanguageTermIn(_In):
    phrase: str = Field(min_length=1, max_length=100)
    suggestion: str = Field(min_length=1, max_length=200)
    why: str = Field(default="", max_length=300)


class LanguageIn(_In):
    terms: list[LanguageTermIn] = Field(max_length=500)


class LanguageOut(BaseModel):
    terms: list[LanguageNoteOut]


class SuggestionOut(BaseModel):
    post_id: str
    url: str | None
    label: str
    name: str
    matched: list[str]
    since: datetime


class ResolveIn(_In):
    reason: str | None = Field(default=None, max_length=500)
