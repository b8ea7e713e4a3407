"""The facets response modes provide (a thread's mode, whether a member may reply or react)
and the one they read (the labels on posts, from content warnings)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from sqlmodel import Session

from forumkit.facets import Facet, Question

if TYPE_CHECKING:
    from forumkit.forums.models import Forum
    from forumkit.mirror.models import Member, Thread

THREAD_RESPONSE_MODE: Facet[str] = Facet("thread.response_mode", str, default="open",
                                         about="thread")


class ThreadPermissions(Protocol):
    """What a member may do in a thread now: {can_reply, can_react, reason, response_mode}."""

    def __call__(self, session: Session, forum: Forum, thread: Thread | None,
                 member: Member | None, now: datetime, /) -> dict[str, Any]: ...


THREAD_PERMISSIONS: Question[ThreadPermissions] = Question(
    "thread.permissions", ThreadPermissions,
    default={"can_reply": True, "can_react": True, "reason": None, "response_mode": "open"},
)

POST_LABELS: Facet[list[str]] = Facet("post.labels", list[str], default=[], about="post")
