"""After the fact: a reply that arrived against its thread's mode, and the quiet safety check
for posts nobody is expected to answer.

A hidden reply is never a punishment: its writer gets a kind note saying they did nothing
wrong, and the platform gets a reason that says the reply breaks no rule.
"""

from __future__ import annotations

from datetime import datetime

from forumkit.actions import HIDE_POST, NOTIFY_MODERATORS, Action
from forumkit.adapter import HIDE_POST as CAN_HIDE
from forumkit.adapter import MESSAGE_MEMBER as CAN_MESSAGE
from forumkit.adapter import PRE_CHECK
from forumkit.links import safe_link
from forumkit.messages import Texts
from forumkit.mirror.models import Member, Post, Thread
from forumkit.plugins.response_modes.rules import ModeState, hide_reason, mode_name, replier_note
from forumkit.plugins.response_modes.settings import ResponseModesSettings

PLUGIN = "response_modes"


def against_mode(
    state: ModeState, owner_id: int | None, post: Post, member: Member | None, at: datetime,
    settings: ResponseModesSettings,
) -> bool:
    """Whether a new reply goes against a mode (its thread's, or that of the post it
    answers, whose author is `owner_id`) as the mode was when the reply was written."""
    if post.is_first_in_thread or owner_id is None:
        return False  # without the first post we cannot tell the author's follow-ups apart
    if post.author_id is not None and post.author_id == owner_id:
        return False  # the author's own follow-ups are always welcome
    if settings.staff_may_reply and (post.author_is_staff or bool(member and member.is_staff)):
        return False
    if state.changed_at is not None and at < state.changed_at:
        return False  # written before the mode changed: replies already there stay
    return state.effective(at) != "open"


def reply_actions(
    state: ModeState, thread: Thread, post: Post, member: Member | None, at: datetime,
    settings: ResponseModesSettings, capabilities: frozenset[str], texts: Texts, *,
    whose: str = "thread",
) -> list[Action]:
    """Hide a reply against the mode and tell its writer kindly; or tell moderators when the
    platform cannot hide it. Nothing when the platform asked first (unless told to)."""
    if settings.hide_replies_after == "without_pre_check" and PRE_CHECK in capabilities:
        return []
    mode = state.effective(at)
    if CAN_HIDE not in capabilities:
        return [Action(
            kind=NOTIFY_MODERATORS,
            payload={
                "text": texts.render("response_modes.cannot_hide",
                                     mode=mode_name(mode, texts)),
                "post_id": post.ext_id, "thread_id": thread.ext_id,
                "url": safe_link(post.url),
                "quiet": True,
            },
            dedupe_key=f"{PLUGIN}:cannot-hide:{post.id}",
        )]
    payload = {"post_id": post.ext_id, "thread_id": thread.ext_id,
               "reason": hide_reason(mode, texts, whose)}
    if CAN_MESSAGE in capabilities and member is not None:
        # The kind note travels with the hide, so the writer never sees one without the other.
        payload |= {"member": member.key, "message": replier_note(mode, state, texts)}
    return [Action(kind=HIDE_POST, payload=payload, dedupe_key=f"{PLUGIN}:hide:{post.id}")]


def safety_check(
    mode: str, thread: Thread, post: Post, labels: set[str], settings: ResponseModesSettings,
    texts: Texts,
) -> list[Action]:
    """One quiet note to moderators for a high-risk post that unanswered alerts will skip."""
    if mode not in settings.safety_check_modes:
        return []
    risky = sorted(labels & {label.lower() for label in settings.high_risk_labels})
    if not risky:
        return []
    text = texts.render("response_modes.safety_check", mode=mode_name(mode, texts),
                        labels=risky)
    return [Action(
        kind=NOTIFY_MODERATORS,
        payload={"text": text, "post_id": post.ext_id, "thread_id": thread.ext_id,
                 "url": safe_link(post.url) or safe_link(thread.url), "labels": risky,
                 "quiet": True, "response_mode": mode},
        dedupe_key=f"{PLUGIN}:safety:{post.id}",
    )]
