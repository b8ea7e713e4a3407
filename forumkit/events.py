"""Core events: what happened on a forum, in the native JSON format platforms send.

Adapters turn their platform's webhooks into these; ingest applies each once by its id.
Unknown fields are ignored so platforms can send more than ForumKit reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
)

from forumkit.inputs import Input
from forumkit.links import safe_link

PlatformId = Annotated[str, Field(min_length=1, max_length=200, description="The platform's id")]
EventId = Annotated[
    str, Field(min_length=1, max_length=200, description="Unique per event; repeats are ignored")
]
# The longest texts and lists an event may carry. Adapters for platforms that retry a refused
# webhook cut what is longer to these (forumkit/adapters/discourse/inbound.py).
MAX_BODY_CHARS = 200_000
MAX_TITLE_CHARS = 500
MAX_CATEGORY_CHARS = 200
MAX_TAGS = 100
MAX_TAG_CHARS = 100
MAX_URL_CHARS = 2000
MAX_LABELS = 50
MAX_LABEL_CHARS = 64


class _Model(Input):
    model_config = ConfigDict(extra="ignore")


def _link_or_none(value: str | None) -> str | None:
    # Only http(s) links are kept; anything else (javascript:, data:) is dropped, not refused,
    # so the event itself is still applied.
    return safe_link(value)


def _one_line_or_none(value: str | None) -> str | None:
    # A subforum's name is shown inside a line of an alert: runs of spaces and line breaks
    # become one space, and a name of nothing but spaces counts as no name.
    if value is None:
        return None
    return " ".join(value.split()) or None


CATEGORY_NAME = ("The subforum's name, shown to moderators in alerts; taken with category_id "
                 "(ignored without it), and a later event's name replaces it")


class PostFields(_Model):
    """A post as the platform sees it. Everything but `id` may be absent on an edit."""

    id: PlatformId
    thread_id: PlatformId | None = None
    author_id: PlatformId | None = None
    reply_to_id: PlatformId | None = None
    is_first_in_thread: bool | None = None
    category_id: str | None = Field(default=None, max_length=MAX_CATEGORY_CHARS)
    category_name: str | None = Field(default=None, max_length=MAX_CATEGORY_CHARS,
                                      description=CATEGORY_NAME)
    tags: list[Annotated[str, Field(max_length=MAX_TAG_CHARS)]] | None = Field(
        default=None, max_length=MAX_TAGS
    )
    title: str | None = Field(default=None, max_length=MAX_TITLE_CHARS)
    body: str | None = Field(
        default=None,
        max_length=MAX_BODY_CHARS,
        description="Read for suggestions, then dropped: never stored or logged",
    )
    url: str | None = Field(default=None, max_length=MAX_URL_CHARS,
                            description="The post's page: http(s) only, anything else is dropped")
    author_is_staff: bool | None = None
    content_warnings: list[Annotated[str, Field(max_length=MAX_LABEL_CHARS)]] | None = Field(
        default=None, max_length=MAX_LABELS
    )
    response_mode: str | None = Field(default=None, max_length=32)
    thread_closed: bool | None = Field(
        default=None, description="The thread is locked on the platform: no replies accepted"
    )
    is_announcement: bool | None = Field(
        default=None, description="The thread is an announcement, not a request for support"
    )

    _safe_url = field_validator("url")(_link_or_none)
    _one_line_name = field_validator("category_name")(_one_line_or_none)


class NewPostFields(PostFields):
    """A new post: its thread and author are required."""

    thread_id: PlatformId
    author_id: PlatformId


class PostRef(_Model):
    id: PlatformId


class ReactionFields(_Model):
    post_id: PlatformId
    member_id: PlatformId
    kind: str = Field(min_length=1, max_length=64)


# A member's zone and language are accepted, so a platform may send its member record as it
# is, and not stored: no text is drawn per member from them (docs/connecting.md#members).
_NOT_KEPT = "Accepted and not stored: ForumKit keeps no profile of a member"


class MemberFields(_Model):
    id: PlatformId
    is_staff: bool = False
    joined_at: AwareDatetime | None = Field(
        default=None, description="When they joined the forum, if not when this event "
        "occurred: new-member care goes by it")
    timezone: str | None = Field(default=None, max_length=64, description=_NOT_KEPT)
    locale: str | None = Field(default=None, max_length=35, description=_NOT_KEPT)


class MemberChanges(_Model):
    """What changed about a member: only the fields sent change."""

    id: PlatformId
    is_staff: bool | None = Field(default=None, description="Staff (moderators, admins)")
    joined_at: AwareDatetime | None = Field(
        default=None, description="When they joined the forum: new-member care goes by it")
    timezone: str | None = Field(default=None, max_length=64, description=_NOT_KEPT)
    locale: str | None = Field(default=None, max_length=35, description=_NOT_KEPT)


class MemberRef(_Model):
    id: PlatformId


class PostModeration(_Model):
    """A moderator's hiding (or showing again) of a post on the platform."""

    id: PlatformId
    reason: str | None = Field(
        default=None, max_length=64, description="The platform's reason code (spam, "
        "off_topic, ...): handed to plugins with the event, not stored")
    text: str | None = Field(
        default=None, max_length=2000, description="The moderator's words: handed to "
        "plugins with the event, never stored or logged")


class ThreadFields(_Model):
    """Facts about a thread as a whole, for platforms that report them apart from posts.

    ForumKit applies them to the thread's first post (as a post.edited of it) when it knows
    that post, so plugins see them the way they see a first post's own fields; until then
    they update the thread alone.
    """

    id: PlatformId
    category_id: str | None = Field(default=None, max_length=MAX_CATEGORY_CHARS)
    category_name: str | None = Field(default=None, max_length=MAX_CATEGORY_CHARS,
                                      description=CATEGORY_NAME)
    tags: list[Annotated[str, Field(max_length=MAX_TAG_CHARS)]] | None = Field(
        default=None, max_length=MAX_TAGS
    )
    title: str | None = Field(default=None, max_length=MAX_TITLE_CHARS)
    url: str | None = Field(default=None, max_length=MAX_URL_CHARS)
    content_warnings: list[Annotated[str, Field(max_length=MAX_LABEL_CHARS)]] | None = Field(
        default=None, max_length=MAX_LABELS
    )
    response_mode: str | None = Field(default=None, max_length=32)
    thread_closed: bool | None = None
    is_announcement: bool | None = None

    _safe_url = field_validator("url")(_link_or_none)
    _one_line_name = field_validator("category_name")(_one_line_or_none)


class CategoryFields(_Model):
    """A subforum as the platform names it."""

    id: str = Field(min_length=1, max_length=MAX_CATEGORY_CHARS,
                    description="The subforum's id: the category_id its posts carry")
    name: str = Field(min_length=1, max_length=MAX_CATEGORY_CHARS,
                      description="The subforum's name, shown to moderators in alerts; the "
                      "newest by occurred_at is kept")

    @field_validator("name")
    @classmethod
    def _one_line(cls, value: str) -> str:
        name = _one_line_or_none(value)
        if name is None:
            raise ValueError("a subforum's name may not be blank")
        return name


class _Event(_Model):
    id: EventId
    occurred_at: AwareDatetime


class PostCreated(_Event):
    type: Literal["post.created"]
    post: NewPostFields


class PostEdited(_Event):
    type: Literal["post.edited"]
    post: PostFields


class PostDeleted(_Event):
    type: Literal["post.deleted"]
    post: PostRef


class PostRestored(_Event):
    """A deleted post brought back (undeleted, recovered) on the platform."""

    type: Literal["post.restored"]
    post: PostRef


class ReactionAdded(_Event):
    type: Literal["reaction.added"]
    reaction: ReactionFields


class ReactionRemoved(_Event):
    type: Literal["reaction.removed"]
    reaction: ReactionFields


class MemberCreated(_Event):
    type: Literal["member.created"]
    member: MemberFields


class MemberUpdated(_Event):
    type: Literal["member.updated"]
    member: MemberChanges


class MemberDeleted(_Event):
    """The member's account is gone from the platform: everything ForumKit holds of them is
    erased, in the batch's order, and later events naming them change nothing."""

    type: Literal["member.deleted"]
    member: MemberRef


class PostHidden(_Event):
    """A moderator hid the post: it stays in the mirror, and counts as no answer and no
    help until it is shown again."""

    type: Literal["post.hidden"]
    post: PostModeration


class PostUnhidden(_Event):
    """A hidden post shown again; one older than the hiding it would undo changes nothing."""

    type: Literal["post.unhidden"]
    post: PostModeration


class ThreadUpdated(_Event):
    type: Literal["thread.updated"]
    thread: ThreadFields


class CategoryUpdated(_Event):
    """A subforum created or renamed on the platform: its name is kept as a `category_name`
    beside a post's `category_id` would be, and nothing else changes."""

    type: Literal["category.updated"]
    category: CategoryFields


Event = Annotated[
    PostCreated | PostEdited | PostDeleted | PostRestored | PostHidden | PostUnhidden
    | ReactionAdded | ReactionRemoved | MemberCreated | MemberUpdated | MemberDeleted
    | ThreadUpdated | CategoryUpdated,
    Field(discriminator="type"),
]


class EventBatch(_Model):
    events: list[Event] = Field(min_length=1)
    importing: bool = Field(default=False, alias="import", description="History being "
                            "imported: the mirror and labels are updated, and nothing is "
                            "sent to anyone, alerted, or counted as help or care")


class ImportFlag(BaseModel):
    """A batch's `import` flag alone, the rest of the body left unread."""

    model_config = ConfigDict(extra="ignore")

    importing: bool = Field(default=False, alias="import")


# An event of a batch as it arrives: a valid event, or what could not be read as one (kept
# as it came, so that a batch sent with on_invalid=skip can apply the others).
Incoming = Annotated[Event | Any, Field(union_mode="left_to_right")]
EVENT: TypeAdapter[Any] = TypeAdapter(Event)


class IncomingBatch(BaseModel):
    """A batch as it arrives. Not an Input: each event is checked (text, times) as an Event
    by `split`, so that an unstorable value refuses only its own event."""

    model_config = ConfigDict(extra="ignore")

    events: list[Incoming] = Field(min_length=1, description="The events, in order; see "
                                   "the event types for each one's fields")
    importing: bool = Field(default=False, alias="import", description="History being "
                            "imported: the mirror and labels are updated, and nothing is "
                            "sent to anyone, alerted, or counted as help or care")


@dataclass(frozen=True)
class Rejected:
    index: int
    id: str | None
    errors: list[dict[str, Any]]


def split(incoming: list[Any]) -> tuple[list[Event], list[Rejected]]:
    """The valid events, in order, and each invalid one with its errors (where each error
    is, and what; never the value sent, which may be a post's words)."""
    events: list[Event] = []
    rejected: list[Rejected] = []
    for index, item in enumerate(incoming):
        if isinstance(item, _Event):
            events.append(item)  # type: ignore[arg-type]
            continue
        try:
            events.append(EVENT.validate_python(item))
        except ValidationError as exc:
            found = item.get("id") if isinstance(item, dict) else None
            rejected.append(Rejected(
                index=index, id=found if isinstance(found, str) else None,
                errors=[{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]}
                        for e in exc.errors()]))
    return events, rejected
