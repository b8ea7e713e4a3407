"""The facet unanswered-post alerts provide (what moderators are doing about a thread) and
those they read (labels on posts, a thread's response mode)."""

from __future__ import annotations

from forumkit.facets import Facet

THREAD_CARE_STATUS: Facet[str | None] = Facet("thread.care_status", str | None, default=None,
                                              about="thread")
POST_LABELS: Facet[list[str]] = Facet("post.labels", list[str], default=[], about="post")
THREAD_RESPONSE_MODE: Facet[str] = Facet("thread.response_mode", str, default="open",
                                         about="thread")
