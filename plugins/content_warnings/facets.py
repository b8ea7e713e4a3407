"""The facets content warnings provide: the labels on posts, and labels a text would get."""

from __future__ import annotations

from typing import Any

from forumkit.facets import Facet, Question

POST_LABELS: Facet[list[str]] = Facet("post.labels", list[str], default=[], about="post")
TEXT_LABELS: Question[list[dict[str, Any]]] = Question(
    "text.labels", list[dict[str, Any]], default=[],
    asks="(session, forum, text) -> [{key, matched}]",
)
