"""Actions: what plugins ask to happen on a forum or a channel. They go to the outbox.

Plugins never call the network; they emit actions and the outbox worker delivers them
through the forum's adapter (channel "adapter") or an alert channel. Each kind's payload is
a model below: an action is checked against it when it is made, so a plugin cannot queue a
payload an adapter would misread, and the same models are published in the OpenAPI
document's `webhooks` section and in docs/actions.md.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class ActionKind(StrEnum):
    notify_moderators = "notify_moderators"
    message_member = "message_member"
    set_thread_replies = "set_thread_replies"
    hide_post = "hide_post"
    set_post_tags = "set_post_tags"
    post_whisper = "post_whisper"
    alert = "alert"  # for an alert channel (webhook, slack, email), not the adapter


NOTIFY_MODERATORS = ActionKind.notify_moderators
MESSAGE_MEMBER = ActionKind.message_member
SET_THREAD_REPLIES = ActionKind.set_thread_replies
HIDE_POST = ActionKind.hide_post
SET_POST_TAGS = ActionKind.set_post_tags
POST_WHISPER = ActionKind.post_whisper
ALERT = ActionKind.alert

PlatformId = Annotated[str, Field(max_length=200, description="The platform's id")]


class _Payload(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NotifyModerators(_Payload):
    """Tell the forum's moderators something (a private message to the moderators' group)."""

    kind: Literal["notify_moderators"] = "notify_moderators"
    text: str = Field(description="The note for the moderators: plain text, a few lines")
    title: str | None = Field(default=None, description="A one-line subject, if the platform "
                              "shows one")
    post_id: PlatformId | None = Field(default=None, description="The post it is about")
    thread_id: PlatformId | None = Field(default=None, description="The thread it is about")
    url: str | None = Field(default=None, description="Where to look (http or https only)")
    labels: list[str] = Field(default_factory=list, description="Content-warning keys")
    subforum_name: str | None = Field(default=None, description="The name of the subforum "
                                      "it is about, as the platform last sent it (an alert's "
                                      "`fields.subforum` has the id)")
    quiet: bool = Field(default=False, description="A check when there is time, not an alert")
    response_mode: str | None = Field(default=None, description="The thread's reply mode")
    event: str | None = Field(default=None, description="alert.fired, alert.resolved, ...")
    fields: dict[str, Any] = Field(default_factory=dict, description="Short facts, by name")
    group: str | None = Field(default=None, description="Another moderators' group than the "
                              "forum's own")


class MessageMember(_Payload):
    """A private message to one member, named by a post of theirs the platform knows
    (ForumKit holds no platform user ids); or, for the answer to feedback from a member
    with no post, by the feedback's id, which the platform was given when it sent the
    feedback for that member."""

    kind: Literal["message_member"] = "message_member"
    about_post_id: PlatformId | None = Field(
        default=None, description="A post of the member's: its author gets it (absent only "
        "for the answer to feedback, named by feedback_id)")
    member: str = Field(description="The member's pseudonym in ForumKit")
    text: str = Field(description="The message: plain text")
    title: str | None = Field(default=None, description="A one-line subject")
    topic: str | None = Field(default=None, description="What kind of message this is, e.g. "
                              "helper_impact.note")
    labels: list[str] = Field(default_factory=list, description="Content-warning keys")
    post_id: PlatformId | None = Field(default=None, description="The post the message is "
                                       "about, when not the one that names the member")
    note_id: int | None = Field(default=None, description="The impact note it passes on")
    anonymous: bool | None = Field(default=None, description="The note's writer stays unnamed")
    from_post_id: PlatformId | None = Field(default=None, description="A post of the note's "
                                            "writer, when they chose to be named")
    feedback_id: int | None = Field(default=None, description="The feedback it answers")
    week: str | None = Field(default=None, description="The week a digest covers")
    summary: dict[str, Any] | None = Field(default=None, description="A digest's figures")
    threads: list[dict[str, Any]] | None = Field(default=None, description="Threads a helper "
                                                 "care note is about: thread_id, title, url, "
                                                 "status")

    @model_validator(mode="after")
    def _addressed(self) -> MessageMember:
        if self.about_post_id is None and self.feedback_id is None:
            raise ValueError("a message to a member needs about_post_id (or feedback_id, "
                             "for the answer to feedback)")
        return self


class SetThreadReplies(_Payload):
    """Open or close replies on a thread on the platform itself."""

    kind: Literal["set_thread_replies"] = "set_thread_replies"
    thread_id: PlatformId
    open: bool = Field(description="True: replies open; false: closed")
    reason: str | None = Field(default=None, description="Member-facing words on why")
    response_mode: str | None = None
    author_may_post: bool = Field(default=True, description="The thread's author may still "
                                  "add to it (a diary)")
    opens_at: str | None = Field(default=None, description="When held replies open (RFC 3339)")
    sequence: int | None = Field(default=None, description="Apply only the newest per thread")
    as_of: str | None = Field(default=None, description="When the change was made (RFC 3339)")


class HidePost(_Payload):
    """Hide a post; with `member` and `message`, its writer is told kindly why, together with
    the hide, so they never see one without the other."""

    kind: Literal["hide_post"] = "hide_post"
    post_id: PlatformId
    thread_id: PlatformId | None = None
    reason: str | None = Field(default=None, description="Why, for the moderators' log")
    member: str | None = Field(default=None, description="The writer's pseudonym")
    message: str | None = Field(default=None, description="The kind note for the writer")


class SetPostTags(_Payload):
    """Mirror content-warning labels as the platform's tags."""

    kind: Literal["set_post_tags"] = "set_post_tags"
    post_id: PlatformId
    thread_id: PlatformId | None = None
    add: list[str] = Field(default_factory=list, description="Label keys to add")
    remove: list[str] = Field(default_factory=list, description="Label keys to remove")


class PostWhisper(_Payload):
    """A note in the thread that only staff can see."""

    kind: Literal["post_whisper"] = "post_whisper"
    thread_id: PlatformId
    text: str


class Alert(_Payload):
    """For an alert channel: where to send (per channel) and the message (see
    forumkit/channel.py and forumkit/channels/message.py)."""

    kind: Literal["alert"] = "alert"
    to: dict[str, Any] = Field(description="The target: {url, secret} for a webhook, {url} "
                               "for Slack, {addresses} for e-mail")
    message: dict[str, Any] = Field(description="{title, text, url, fields, event}")


ActionPayload = Annotated[
    NotifyModerators | MessageMember | SetThreadReplies | HidePost | SetPostTags
    | PostWhisper | Alert,
    Field(discriminator="kind"),
]
PAYLOADS: dict[str, type[_Payload]] = {
    model.model_fields["kind"].default: model
    for model in (NotifyModerators, MessageMember, SetThreadReplies, HidePost, SetPostTags,
                  PostWhisper, Alert)
}


class Action(BaseModel):
    kind: ActionKind = Field(description="What to do, e.g. notify_moderators")
    payload: dict[str, Any] = Field(default_factory=dict)
    channel: str = Field(default="adapter", description="adapter, or an alert channel's name")
    dedupe_key: str | None = Field(
        default=None,
        description="The outbox keeps one action per key and forum, however often it is produced",
    )

    @model_validator(mode="after")
    def _payload_fits_its_kind(self) -> Action:
        # Checked when the action is made, so a wrong payload fails in the plugin that made
        # it, not in an adapter minutes later. Stored as JSON, as the plugin gave it.
        model = PAYLOADS[self.kind.value]
        checked = model.model_validate({**self.payload, "kind": self.kind.value})
        self.payload = checked.model_dump(mode="json", exclude={"kind"}, exclude_unset=True)
        return self
