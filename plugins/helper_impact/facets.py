"""The facets helper impact reads: labels on posts and texts (content warnings), what
moderators are doing about threads (unanswered alerts), thanks (gratitude)."""

from __future__ import annotations

from typing import Any

from forumkit.facets import Facet, Question

POST_LABELS: Facet[list[str]] = Facet("post.labels", list[str], default=[], about="post")
TEXT_LABELS: Question[list[dict[str, Any]]] = Question("text.labels", list[dict[str, Any]],
                                                       default=[])
THREAD_CARE_STATUS: Facet[str | None] = Facet("thread.care_status", str | None, default=None,
                                              about="thread")
MEMBER_GRATITUDE: Question[dict[str, Any]] = Question(
    "member.gratitude", dict[str, Any], default={"kinds": [], "givers": []})
GRATITUDE_RECEIVERS: Question[list[int]] = Question("forum.gratitude_receivers", list[int],
                                                    default=[])
