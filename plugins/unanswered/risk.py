"""Risk alerts: a post whose words suggest its writer may be at risk now reaches the
moderators at once, whatever its thread's mode or labels (diary, reactions only, held).

The post is assessed as it arrives and again when edited (forumkit.risk, by the assessor
the forum chose). A `high` assessment opens a risk watch whose first alert fires in the
same transaction, in the same queue as unanswered alerts (kind "risk"), with the reasons
for moderators; nobody claiming or acknowledging it within `risk_escalate_minutes` sends it
on to the escalation channels. Replies, labels and the post's deletion never close it: only
a moderator does. The member is never told, and the post's words are never kept.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, select

from forumkit.actions import Action
from forumkit.context import PluginContext
from forumkit.db import insert_once
from forumkit.facets import Facets
from forumkit.forums.models import Forum
from forumkit.mirror.models import Member, Post, Thread
from forumkit.outbound import OutboundPolicy
from forumkit.plugins.unanswered import repository as repo
from forumkit.plugins.unanswered.facets import POST_LABELS
from forumkit.plugins.unanswered.models import AlertKind, UnansweredConcern, UnansweredWatch
from forumkit.plugins.unanswered.service import fire_due_tiers
from forumkit.plugins.unanswered.settings import UnansweredSettings
from forumkit.risk import Assessment, RiskLevel, assessor_for


def assess(settings: UnansweredSettings, text: str,
           outbound: OutboundPolicy | None) -> Assessment:
    assessor = assessor_for(settings.risk_assessor, settings.risk_classifier_url,
                            policy=outbound)
    return assessor.assess(text)


# A post its author labelled with one of the forum's risk labels, whose words speak of the
# author's own distress now: the label and the words together make it high.
LABELLED = {"code": "labelled_by_author", "explanation": "labelled suicide or self-harm, and "
            "speaks of the writer's own distress now"}
NOT_NOW = {"about_someone_else", "in_the_past"}


def level_with_labels(found: Assessment, labels: set[str],
                      settings: UnansweredSettings) -> tuple[bool, list[dict[str, str]]]:
    """Whether the post is high, and why: by its words alone, or by a risk label together
    with words of concern about the writer now."""
    reasons = [{"code": r.code, "explanation": r.explanation} for r in found.reasons]
    if found.level == RiskLevel.HIGH:
        return True, reasons
    risky = labels & {label.lower() for label in settings.risk_labels}
    if found.level == RiskLevel.CONCERN and risky and not NOT_NOW & set(found.codes):
        return True, [*reasons, LABELLED]
    return False, reasons


def check_post(
    session: Session, forum: Forum, settings: UnansweredSettings, post: Post, thread: Thread,
    author: Member | None, text: str, facets: Facets, outbound: OutboundPolicy | None,
    now: datetime, labels: set[str] | None = None,
) -> list[Action]:
    """Alert at once when the post is `high` (by its words, or by a risk label with words of
    concern); at most one risk watch per post."""
    if not settings.risk_alerts or not text.strip() or post.id is None or thread.id is None:
        return []
    if post.author_is_staff or (author is not None and author.is_staff):
        return []
    if post.created_at is not None and now - post.created_at > timedelta(
            days=settings.stale_after_days):
        return []  # history being imported: too old for an alert to help
    if repo.watch_of_post(session, post.id, AlertKind.risk) is not None:
        return []
    found = assess(settings, text, outbound)
    high, reasons = level_with_labels(found, labels or set(), settings)
    if not high:
        if found.level == RiskLevel.CONCERN and not NOT_NOW & set(found.codes):
            _remember_concern(session, post, thread, reasons, now)
        return []
    return raise_alert(session, forum, settings, post, thread, facets, reasons, now)


def raise_alert(
    session: Session, forum: Forum, settings: UnansweredSettings, post: Post, thread: Thread,
    facets: Facets, reasons: list[dict[str, str]], now: datetime,
) -> list[Action]:
    """The post's risk watch, made now, and its first alert fired at once."""
    assert forum.id is not None and post.id is not None and thread.id is not None
    session.execute(delete(UnansweredConcern).where(
        col(UnansweredConcern.post_id) == post.id))
    watch = UnansweredWatch(
        forum_id=forum.id, post_id=post.id, thread_id=thread.id, kind=AlertKind.risk,
        category_id=thread.category_id, posted_at=post.created_at or now, received_at=now,
        due_at=now,
    )
    made = repo.insert_watch(session, watch)
    if made is None:
        return []
    return fire_due_tiers(session, forum, settings, made, facets, now, None, reasons)


def _remember_concern(session: Session, post: Post, thread: Thread,
                      reasons: list[dict[str, str]], now: datetime) -> None:
    assert post.id is not None and thread.id is not None
    insert_once(session, UnansweredConcern, {
        "post_id": post.id, "forum_id": post.forum_id, "thread_id": thread.id, "seen_at": now,
        "reasons": reasons})


def labelled_since(ctx: PluginContext[UnansweredSettings]) -> list[Action]:
    """Posts kept as a concern that have since been given a risk label (by their author,
    or a moderator, through the labels API): the two together alert now. Concerns older
    than `stale_after_days` are forgotten."""
    session, settings = ctx.session, ctx.settings
    session.execute(delete(UnansweredConcern).where(
        col(UnansweredConcern.forum_id) == ctx.forum_id,
        col(UnansweredConcern.seen_at) < ctx.now - timedelta(days=settings.stale_after_days)))
    concerns = list(session.exec(select(UnansweredConcern).where(
        UnansweredConcern.forum_id == ctx.forum_id)))
    if not concerns or not settings.risk_alerts:
        return []
    risky = {label.lower() for label in settings.risk_labels}
    labels = ctx.facets.get(POST_LABELS, session, ctx.forum, [c.post_id for c in concerns])
    actions: list[Action] = []
    for concern in concerns:
        if not risky & {str(k).lower() for k in labels.get(concern.post_id, [])}:
            continue
        post = session.get(Post, concern.post_id)
        thread = session.get(Thread, concern.thread_id)
        if post is None or thread is None:
            continue
        actions += raise_alert(session, ctx.forum, settings, post, thread, ctx.facets,
                               [*concern.reasons, LABELLED], ctx.now)
    return actions
