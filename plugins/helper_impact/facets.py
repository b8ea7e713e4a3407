"""The facets helper impact reads: labels on posts and texts (content warnings), what
moderators are doing about threads (unanswered alerts), thanks (gratitude)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from sqlmodel import Session

from forumkit.facets import Facet, Question

if TYPE_CHECKING:
    from forumkit.forums.models import Forum

POST_LABELS: Facet[list[str]] = Facet("post.labels", list[str], default=[], about="post")


class TextLabels(Protocol):
    """The labels a text would be suggested: [{key, matched}]."""

    def __call__(self, session: Session, forum: Forum, text: str, /) -> list[dict[str, Any]]: ...


TEXT_LABELS: Question[TextLabels] = Question("text.labels", TextLabels, default=[])

THREAD_CARE_STATUS: Facet[str | None] = Facet("thread.care_status", str | None, default=None,
                                              about="thread")


class MemberGratitude(Protocol):
    """Thanks a member received between two times, for help they gave in others' threads:
    {kinds: [{key, emoji, words, count}], givers: [member ids]}, and `support_received`:
    how many thanks came on posts in threads they started."""

    def __call__(self, session: Session, forum: Forum, member_id: int, since: datetime,
                 until: datetime, /) -> dict[str, Any]: ...


MEMBER_GRATITUDE: Question[MemberGratitude] = Question(
    "member.gratitude", MemberGratitude, default={"kinds": [], "givers": [], "support_received": 0})


class GratitudeReceivers(Protocol):
    """The members thanked between two times."""

    def __call__(self, session: Session, forum: Forum, since: datetime, until: datetime, /
                 ) -> list[int]: ...


GRATITUDE_RECEIVERS: Question[GratitudeReceivers] = Question(
    "forum.gratitude_receivers", GratitudeReceivers, default=[])

