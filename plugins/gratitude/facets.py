"""The facets gratitude provides (thanks on posts, thanks a member received, who received
any) and the one it reads (whether a member may react, from response modes)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from sqlmodel import Session

from forumkit.facets import Facet, Question

if TYPE_CHECKING:
    from forumkit.forums.models import Forum
    from forumkit.mirror.models import Member, Thread

POST_GRATITUDE: Facet[dict[str, int]] = Facet("post.gratitude", dict[str, int], default={},
                                              about="post")


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


class ThreadPermissions(Protocol):
    """What a member may do in a thread now: {can_reply, can_react, reason, response_mode}."""

    def __call__(self, session: Session, forum: Forum, thread: Thread | None,
                 member: Member | None, now: datetime, /) -> dict[str, Any]: ...


THREAD_PERMISSIONS: Question[ThreadPermissions] = Question(
    "thread.permissions", ThreadPermissions,
    default={"can_reply": True, "can_react": True, "reason": None, "response_mode": "open"},
)

