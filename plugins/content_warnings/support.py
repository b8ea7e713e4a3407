"""Crisis signposting: the services a forum's admins chose (crisis lines and the like),
offered with a gentle line where a draft may be about its writer being at risk
(compose-check) and beside posts in threads carrying a support label (render-hints).

Nothing is offered where the forum has configured no service: ForumKit does not know
which services serve a forum's members. The member is never told why the services are
shown, and a draft's words are read and dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from forumkit.messages import Texts
from forumkit.mirror.models import Post
from forumkit.plugins.content_warnings.models import APPLIED, CwLabel, CwPostLabel
from forumkit.plugins.content_warnings.settings import ContentWarningSettings, SupportResource
from forumkit.risk import RiskLevel, assessor_for


@dataclass(frozen=True)
class Support:
    line: str
    resources: list[SupportResource]


def offered(settings: ContentWarningSettings, texts: Texts) -> Support | None:
    if not settings.support_resources:
        return None
    line = settings.support_line or texts.render("content_warnings.support_line")
    return Support(line, list(settings.support_resources))


def for_draft(settings: ContentWarningSettings, text: str, texts: Texts) -> Support | None:
    """The services, when the draft's words suggest its writer may be at risk now."""
    support = offered(settings, texts)
    if support is None or not text.strip():
        return None
    return support if assessor_for("words").assess(text).level == RiskLevel.HIGH else None


def thread_needs(settings: ContentWarningSettings, label_keys: list[str]) -> bool:
    """A thread whose first post carries these labels shows the services (where the forum
    has any): the rule `posts_needing` applies to the posts in it."""
    return bool(settings.support_resources) and any(
        key in settings.support_labels for key in label_keys)


def posts_needing(session: Session, forum_id: int, settings: ContentWarningSettings,
                  ext_ids: list[str]) -> set[str]:
    """Of these posts, those whose thread's first post carries a support label (one query,
    made only where the forum has services to offer)."""
    if not settings.support_resources or not settings.support_labels or not ext_ids:
        return set()
    first = aliased(Post)
    rows = session.exec(
        select(Post.ext_id).distinct()
        .join(first, (col(first.thread_id) == col(Post.thread_id))
              & col(first.is_first_in_thread))
        .join(CwPostLabel, (col(CwPostLabel.post_id) == col(first.id))
              & (col(CwPostLabel.state) == APPLIED))
        .join(CwLabel, col(CwLabel.id) == col(CwPostLabel.label_id))
        .where(col(Post.forum_id) == forum_id, col(Post.ext_id).in_(ext_ids),
               col(CwLabel.key).in_(settings.support_labels))
    )
    return set(rows)
