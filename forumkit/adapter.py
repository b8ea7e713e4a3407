"""The adapter contract: how one forum platform talks to ForumKit and back.

An adapter is found through the `forumkit.adapters` entry-point group. It verifies and parses
the platform's webhooks into core events, and performs core actions through the platform's
API with the httpx client it is given. What the platform cannot do is left out of
`capabilities`, and plugins fall back on something it can.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar

import httpx
from pydantic import BaseModel

from forumkit.events import Event, Rejected
from forumkit.messages.texts import ENGLISH, Texts
from forumkit.signing import SignatureError as SignatureError  # kept here for adapters


class Capability(StrEnum):
    """What a platform can do; what it cannot, plugins fall back on something it can."""

    pre_check = "pre_check"  # the platform asks /permissions before it accepts a reply
    hide_post = "hide_post"
    set_thread_replies = "set_thread_replies"
    post_tags = "post_tags"
    notify_moderators = "notify_moderators"
    message_member = "message_member"
    post_whisper = "post_whisper"


PRE_CHECK = Capability.pre_check
HIDE_POST = Capability.hide_post
SET_THREAD_REPLIES = Capability.set_thread_replies
POST_TAGS = Capability.post_tags
NOTIFY_MODERATORS = Capability.notify_moderators
MESSAGE_MEMBER = Capability.message_member
POST_WHISPER = Capability.post_whisper


class PayloadError(Exception):
    """The webhook verified but its body cannot be read as the platform's events."""


@dataclass(frozen=True)
class Verified:
    message_id: str | None  # the platform's delivery id, remembered to spot replays
    refuse_replay: bool = True  # a repeat is refused (True) or acknowledged as a duplicate


@dataclass(frozen=True)
class Delivery:
    id: str  # stable across retries, so the receiver can de-duplicate
    forum_slug: str
    kind: str
    payload: dict[str, Any]
    attempt: int
    created_at: datetime
    # How the forum words what an adapter or channel adds around the payload (a title when
    # none came, a link, a footer): its message overrides and locale (forumkit/messages).
    texts: Texts = ENGLISH


@dataclass(frozen=True)
class DeliveryResult:
    ok: bool
    retry: bool = True  # on failure: worth trying again later
    error: str | None = None
    retry_after: float | None = None  # seconds the receiver asked us to wait
    status: int | None = None  # the HTTP status of the answer, when there was one

    @classmethod
    def from_response(cls, response: httpx.Response) -> DeliveryResult:
        status = response.status_code
        if response.is_success:
            return cls(ok=True, status=status)
        retry = status in (408, 409, 425, 429) or status >= 500
        return cls(
            ok=False, retry=retry, error=f"HTTP {status}",
            retry_after=_retry_after(response.headers.get("retry-after")), status=status,
        )


def _retry_after(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


@dataclass(frozen=True)
class ForumLink:
    """What an adapter knows of the forum it serves."""

    slug: str
    webhook_secret: str  # the newest: verifies what the platform sends, signs what we send
    settings: Any  # the adapter's settings model, validated
    previous_webhook_secret: str | None = None  # verifies only, until the time below
    previous_webhook_secret_until: datetime | None = None

    def older_secrets(self, now: datetime) -> tuple[str, ...]:
        """Secrets besides the newest that still verify what the platform sends at `now`."""
        until = self.previous_webhook_secret_until
        if self.previous_webhook_secret and until is not None and now < until:
            return (self.previous_webhook_secret,)
        return ()


@dataclass(frozen=True)
class CheckLine:
    """One line of `forumkit forum check`: what was tried, and whether it works."""

    ok: bool
    what: str


class Adapter:
    kind: ClassVar[str]
    settings_model: ClassVar[type[BaseModel]]
    capabilities: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def capabilities_for(cls, settings: Any) -> frozenset[str]:
        """What the platform does for a forum with these (validated) adapter settings: a
        forum may switch off a capability its platform has (e.g. it does not pre-check)."""
        return cls.capabilities

    def __init__(self, forum: ForumLink, client: httpx.Client) -> None:
        self.forum = forum
        self.client = client

    def verify(self, headers: Mapping[str, str], body: bytes, now: datetime) -> Verified:
        """Check the webhook came from the platform; raise SignatureError if not."""
        raise NotImplementedError

    def parse(self, headers: Mapping[str, str], body: bytes) -> list[Event]:
        """Turn a verified webhook into core events; raise PayloadError if unreadable."""
        raise NotImplementedError

    def parse_partially(
        self, headers: Mapping[str, str], body: bytes
    ) -> tuple[list[Event], list[Rejected]]:
        """The readable events of a webhook carrying several, and the others with their
        errors (for `on_invalid=skip`). A platform that sends one event a webhook has
        nothing to split: the default reads the whole (PayloadError if unreadable)."""
        return self.parse(headers, body), []

    def is_import(self, headers: Mapping[str, str], body: bytes) -> bool:
        """Whether a verified webhook carries history to import: the mirror and labels are
        updated and nothing is sent from it. Platforms whose webhooks are live events only
        keep the default."""
        return False

    def perform(self, delivery: Delivery) -> DeliveryResult:
        """Carry out one action on the platform."""
        raise NotImplementedError

    @staticmethod
    def new_webhook_secret() -> str:
        """A new inbound webhook secret for a forum on this platform: by default a Standard
        Webhooks secret; a platform with a format of its own (Discourse) says so here."""
        from forumkit.signing import new_secret

        return new_secret()

    def check(self) -> list[CheckLine]:
        """Ask the platform whether the forum's settings work (`forumkit forum check`);
        nothing to ask by default."""
        return []
