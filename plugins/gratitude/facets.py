"""The facets gratitude provides (thanks on posts, thanks a member received, who received
any) and the one it reads (whether a member may react, from response modes)."""

from __future__ import annotations

from typing import Any

from forumkit.facets import Facet, Question

POST_GRATITUDE: Facet[dict[str, int]] = Facet("post.gratitude", dict[str, int], default={},
                                              about="post")
MEMBER_GRATITUDE: Question[dict[str, Any]] = Question(
    "member.gratitude", dict[str, Any], default={"kinds": [], "givers": []},
    asks="(session, forum, member id, since, until) -> {kinds: [{key, emoji, words, count}], "
         "givers: [member ids]}",
)
GRATITUDE_RECEIVERS: Question[list[int]] = Question(
    "forum.gratitude_receivers", list[int], default=[],
    asks="(session, forum, since, until) -> [member ids]",
)
THREAD_PERMISSIONS: Question[dict[str, Any]] = Question(
    "thread.permissions", dict[str, Any],
    default={"can_reply": True, "can_react": True, "reason": None, "response_mode": "open"},
)
