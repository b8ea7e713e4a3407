"""The facets response modes provide (a thread's mode, whether a member may reply or react)
and the one they read (the labels on posts, from content warnings)."""

from __future__ import annotations

from typing import Any

from forumkit.facets import Facet, Question

THREAD_RESPONSE_MODE: Facet[str] = Facet("thread.response_mode", str, default="open",
                                         about="thread")
THREAD_PERMISSIONS: Question[dict[str, Any]] = Question(
    "thread.permissions", dict[str, Any],
    default={"can_reply": True, "can_react": True, "reason": None, "response_mode": "open"},
    asks="(session, forum, thread, member, now) -> {can_reply, can_react, reason, "
         "response_mode}",
)
POST_LABELS: Facet[list[str]] = Facet("post.labels", list[str], default=[], about="post")
