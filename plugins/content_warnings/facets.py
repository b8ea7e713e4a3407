"""The facets content warnings provide (the labels on posts, and labels a text would get)
and the one it reads (a thread's response mode)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from sqlmodel import Session

from forumkit.facets import Facet, Question

if TYPE_CHECKING:
    from forumkit.forums.models import Forum

POST_LABELS: Facet[list[str]] = Facet("post.labels", list[str], default=[], about="post")
# Read from response modes: no offer of a label after posting in a diary.
THREAD_RESPONSE_MODE: Facet[str] = Facet("thread.response_mode", str, default="open",
                                         about="thread")


class TextLabels(Protocol):
    """The labels a text would be suggested: [{key, matched}]."""

    def __call__(self, session: Session, forum: Forum, text: str, /) -> list[dict[str, Any]]: ...


TEXT_LABELS: Question[TextLabels] = Question("text.labels", TextLabels, default=[])

