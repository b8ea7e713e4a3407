"""Shared pieces of helper impact: the plugin's context type, helpers' preferences, messages."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from forumkit.actions import MESSAGE_MEMBER, Action
from forumkit.context import PluginContext
from forumkit.forums.models import Forum
from forumkit.mirror.models import Member
from forumkit.plugins.helper_impact import activity
from forumkit.plugins.helper_impact import repository as repo
from forumkit.plugins.helper_impact.models import HelperImpactPreference
from forumkit.plugins.helper_impact.settings import HelperImpactSettings

PLUGIN = "helper_impact"
Context = PluginContext[HelperImpactSettings]


def wants(pref: HelperImpactPreference | None, what: str) -> bool:
    """A helper wants `what` (digest, note_messages) unless they said otherwise."""
    return True if pref is None else bool(getattr(pref, what))


def set_preferences(
    session: Session, forum: Forum, member: Member, now: datetime, *,
    digest: bool | None, note_messages: bool | None,
) -> HelperImpactPreference:
    assert forum.id is not None and member.id is not None
    pref = repo.preference(session, member.id) or HelperImpactPreference(
        forum_id=forum.id, member_id=member.id, updated_at=now)
    if digest is not None:
        pref.digest = digest
    if note_messages is not None:
        pref.note_messages = note_messages
    pref.updated_at = now
    session.add(pref)
    return pref


def message(
    session: Session, member: Member, text: str, *, dedupe_key: str, topic: str,
    about_post_id: str | None = None, **extra: object,
) -> Action | None:
    """A MESSAGE_MEMBER to a member, named by a post of theirs; the answer to feedback from
    a member with no post is named by the feedback (`feedback_id` in `extra`); None when
    there is nothing to name them by."""
    if about_post_id is None:
        assert member.id is not None
        post = activity.latest_post_of(session, member.id)
        if post is None and extra.get("feedback_id") is None:
            return None
        about_post_id = post.ext_id if post is not None else None
    payload = {"member": member.key, "text": text, "topic": topic, **extra}
    if about_post_id is not None:
        payload["about_post_id"] = about_post_id
    return Action(kind=MESSAGE_MEMBER, payload=payload, dedupe_key=dedupe_key)
